import { Anchor, Table, Text } from '@mantine/core';
import { Link } from 'react-router';

import { localTime, timeAgo } from '../../lib/time';
import type { StateSession } from '../../types/api';

interface Props {
  sessions: StateSession[];
  selected: string | null;
}

/** The sessions (or `ip:` scopes) that hold state; a link selects one. */
export function SessionList({ sessions, selected }: Props) {
  return (
    <Table highlightOnHover verticalSpacing="xs" aria-label="Sessions">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Session</Table.Th>
          <Table.Th>Keys</Table.Th>
          <Table.Th>Updated</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {sessions.map((s) => {
          const current = s.session_id === selected;
          return (
            <Table.Tr key={s.session_id}>
              <Table.Td style={{ wordBreak: 'break-all' }}>
                <Anchor
                  component={Link}
                  to={`?session=${encodeURIComponent(s.session_id)}`}
                  aria-current={current ? 'page' : undefined}
                  fw={current ? 700 : undefined}
                >
                  {s.session_id}
                </Anchor>
              </Table.Td>
              <Table.Td>{s.keys}</Table.Td>
              <Table.Td>
                <Text size="sm" title={localTime(s.updated_at)} span>
                  {timeAgo(s.updated_at)}
                </Text>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
