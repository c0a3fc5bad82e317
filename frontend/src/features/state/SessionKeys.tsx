import { Alert, Button, Code, Group, Loader, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';

import { localTime, timeAgo } from '../../lib/time';
import type { StateEntry } from '../../types/api';
import { useDeleteState, useIncrementState, useSessionKeys } from './api';
import { formatValue } from './schema';
import { ValueDialog } from './ValueDialog';

function failed(title: string, e: unknown) {
  notifications.show({ color: 'red', title, message: e instanceof Error ? e.message : String(e) });
}

/** One session's keys and values, with edit, increment and delete per key. */
export function SessionKeys({ session }: { session: string }) {
  const { data, error, isPending } = useSessionKeys(session);
  const increment = useIncrementState();
  const remove = useDeleteState();
  const [editing, setEditing] = useState<StateEntry | null>(null);

  if (isPending) return <Loader aria-label="Loading keys" />;
  if (error) {
    return (
      <Alert color="red" title="Could not load this session">
        {error.message}
      </Alert>
    );
  }
  if (data.states.length === 0) {
    return (
      <Text c="dimmed">
        This session holds no keys (it may have been cleared). Add one, or let a template set it with{' '}
        <Code>state.set</Code>.
      </Text>
    );
  }

  return (
    <>
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="xs" aria-label="Keys" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Key</Table.Th>
              <Table.Th>Value</Table.Th>
              <Table.Th>Set by</Table.Th>
              <Table.Th>Updated</Table.Th>
              <Table.Th>
                <Text span size="sm" fw={700}>
                  Actions
                </Text>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.states.map((entry) => (
              <Table.Tr key={entry.state_key}>
                <Table.Td style={{ wordBreak: 'break-all' }}>
                  <Text ff="monospace" size="sm">
                    {entry.state_key}
                  </Text>
                </Table.Td>
                <Table.Td maw={420}>
                  <Code block style={{ maxHeight: 160, overflow: 'auto', whiteSpace: 'pre-wrap' }}>
                    {formatValue(entry.state_value)}
                  </Code>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{entry.mock_id ?? 'admin API'}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" title={localTime(entry.updated_at)} span>
                    {timeAgo(entry.updated_at)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button size="xs" variant="default" onClick={() => setEditing(entry)}>
                      Edit
                    </Button>
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() =>
                        increment.mutate(
                          { session, key: entry.state_key },
                          { onError: (e) => failed(`Could not increment ${entry.state_key}`, e) },
                        )
                      }
                    >
                      Increment
                    </Button>
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      onClick={() =>
                        remove.mutate(
                          { session, key: entry.state_key },
                          {
                            onSuccess: () =>
                              notifications.show({ message: `Deleted ${entry.state_key}` }),
                            onError: (e) => failed(`Could not delete ${entry.state_key}`, e),
                          },
                        )
                      }
                    >
                      Delete
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {editing && <ValueDialog session={session} entry={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
