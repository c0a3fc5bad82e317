import { Badge } from '@mantine/core';

import type { Outcome } from '../../../types/api';

const COLORS: Record<Outcome, string> = {
  matched: 'teal',
  unmatched: 'orange',
  proxied: 'blue',
  fallback: 'indigo',
  error_simulated: 'grape',
  rate_limited: 'yellow',
  template_error: 'red',
};

export function OutcomeBadge({ outcome }: { outcome: Outcome }) {
  return (
    <Badge variant="light" color={COLORS[outcome] ?? 'gray'} radius="sm">
      {outcome.replace('_', ' ')}
    </Badge>
  );
}
