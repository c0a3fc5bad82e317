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

/** Never cut to an ellipsis in a narrow table cell. */
export const WHOLE_BADGE = { root: { overflow: 'visible' }, label: { overflow: 'visible' } } as const;

/** "dot" badges keep the theme's text colour (contrast in both themes); the colour is in the dot. */
export function OutcomeBadge({ outcome }: { outcome: Outcome }) {
  return (
    <Badge variant="dot" color={COLORS[outcome] ?? 'gray'} radius="sm" styles={WHOLE_BADGE}>
      {outcome.replace('_', ' ')}
    </Badge>
  );
}
