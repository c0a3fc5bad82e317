import { Alert, Anchor, List, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';

import type { RecordingStopResult } from '../../types/api';

/** What stopping did: links to the created mocks, and what was skipped. */
export function StopResult({
  result,
  createdMocks,
}: {
  result: RecordingStopResult;
  createdMocks: boolean;
}) {
  const { created_mocks: created, skipped, errors } = result;
  if (!createdMocks) {
    return (
      <Alert color="blue" title="Recording stopped">
        {result.count} {result.count === 1 ? 'exchange was' : 'exchanges were'} captured. You can still
        create mocks from them until the next recording starts.
      </Alert>
    );
  }
  return (
    <Alert
      color={errors.length > 0 ? 'orange' : 'green'}
      title={`Created ${created.length} ${created.length === 1 ? 'mock' : 'mocks'}`}
    >
      <Stack gap="xs">
        {created.length > 0 ? (
          <List size="sm" aria-label="Created mocks">
            {created.map((id) => (
              <List.Item key={id}>
                <Anchor component={Link} to={`/mocks/${encodeURIComponent(id)}`}>
                  {id}
                </Anchor>
              </List.Item>
            ))}
          </List>
        ) : (
          <Text size="sm">No mock was created: nothing was captured.</Text>
        )}
        {skipped.length > 0 && (
          <Text size="sm">
            Skipped: {skipped.map((s) => `#${s.capture_id} (${s.reason})`).join('; ')}
          </Text>
        )}
        {errors.length > 0 && (
          <Text size="sm">
            Not created: {errors.map((e) => `${e.mock_id}: ${e.error}`).join('; ')}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}
