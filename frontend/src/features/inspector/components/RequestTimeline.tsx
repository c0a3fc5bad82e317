import { Anchor, Badge, Code, Paper, Table, Text } from '@mantine/core';
import { Link } from 'react-router';

import type { RequestLog } from '../../../types/api';
import { OutcomeBadge, WHOLE_BADGE } from './OutcomeBadge';

const clock = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  fractionalSecondDigits: 3,
} as Intl.DateTimeFormatOptions);

interface Props {
  logs: RequestLog[];
  selectedId: number | null;
  /** Query string kept when opening an entry (the filters). */
  search: string;
  mockNames: Map<string, string> | undefined;
  loading: boolean;
  filtered: boolean;
}

/** The live timeline, newest first; a path opens the entry's detail. */
export function RequestTimeline({ logs, selectedId, search, mockNames, loading, filtered }: Props) {
  if (!loading && logs.length === 0) {
    return (
      <Paper withBorder p="xl" ta="center">
        <Text>
          {filtered
            ? 'No logged request matches these filters.'
            : 'No requests yet. Requests to the mock surface appear here as they arrive.'}
        </Text>
        {!filtered && (
          <Text size="sm" c="dimmed" mt="xs">
            Try <Code>curl {window.location.origin}/hello</Code>
          </Text>
        )}
      </Paper>
    );
  }
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table highlightOnHover verticalSpacing={6} fz="sm" aria-label="Requests">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Time</Table.Th>
            <Table.Th>Method</Table.Th>
            <Table.Th>Path</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Outcome</Table.Th>
            <Table.Th>Mock</Table.Th>
            <Table.Th ta="right">ms</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {logs.map((log) => {
            const selected = log.log_id === selectedId;
            return (
              <Table.Tr
                key={log.log_id}
                aria-current={selected ? 'true' : undefined}
                // A bar, not a background: links keep their contrast.
                style={selected ? { boxShadow: 'inset 4px 0 0 var(--mantine-primary-color-filled)' } : undefined}
              >
                <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                  {clock.format(new Date(log.created_at))}
                </Table.Td>
                <Table.Td>
                  <Badge variant="default" radius="sm" styles={WHOLE_BADGE}>
                    {log.request_method}
                  </Badge>
                </Table.Td>
                <Table.Td style={{ wordBreak: 'break-all' }}>
                  <Anchor component={Link} to={`/inspector/${log.log_id}${search}`} ff="monospace" size="sm">
                    {log.request_path}
                  </Anchor>
                </Table.Td>
                <Table.Td>{log.response_status}</Table.Td>
                <Table.Td>
                  <OutcomeBadge outcome={log.outcome} />
                </Table.Td>
                <Table.Td>
                  {log.matched_mock_id ? (mockNames?.get(log.matched_mock_id) ?? log.matched_mock_id) : '–'}
                </Table.Td>
                <Table.Td ta="right" ff="monospace">
                  {log.duration_ms.toFixed(1)}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
