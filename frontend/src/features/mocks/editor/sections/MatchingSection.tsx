import { Stack } from '@mantine/core';

import { ApiName } from '../fields/FieldLabel';
import { TextField } from '../fields/FormFields';
import { BodyConditions } from './BodyConditions';
import { MatcherRows } from './MatcherRows';
import { Section } from './Section';

/** Conditions beyond method and path; all must hold (SPEC §4). */
export function MatchingSection() {
  return (
    <Section title="Request matching" hint="Besides method and path, every condition here must hold.">
      <Stack>
        <MatcherRows name="match_headers" noun="Header" />
        <MatcherRows name="match_query" noun="Query parameter" />
        <BodyConditions />
        <TextField
          name="match_content_type"
          label={<ApiName>match_content_type</ApiName>}
          description="Prefix of the request Content-Type, e.g. application/json"
          maw={420}
          ff="monospace"
        />
      </Stack>
    </Section>
  );
}
