import { Alert, Code, Loader, Table, Text } from '@mantine/core';

import { localTime } from '../../lib/time';
import { useServerInfo } from './api';
import { formatUptime } from './schema';

/** `GET /api/admin/server-info` as a two-column table. */
export function ServerInfoPanel() {
  const { data: info, error, isPending } = useServerInfo();
  if (isPending) return <Loader aria-label="Loading server info" />;
  if (error) {
    return (
      <Alert color="red" title="Could not load the server info">
        {error.message}
      </Alert>
    );
  }
  const { inspector } = info;
  const rows: [string, React.ReactNode][] = [
    ['Version', info.version],
    [
      'Database',
      <>
        {info.database.kind === 'postgres' ? 'PostgreSQL' : 'SQLite'} <Code>{info.database.location}</Code>
      </>,
    ],
    ['Listen address', <Code key="a">{info.listen_address}</Code>],
    [
      'Uptime',
      <span key="u" title={`started ${localTime(info.started_at)}`}>
        {formatUptime(info.uptime_seconds)}
      </span>,
    ],
    ['Mocks', info.mocks],
    [
      'Inspector',
      inspector.enabled ? (
        <Text size="sm" c={inspector.dropped > 0 ? 'red' : undefined} span>
          {inspector.written} written, {inspector.dropped} dropped, {inspector.queue_depth} queued
        </Text>
      ) : (
        'off (--inspector-max-entries 0)'
      ),
    ],
    ['Admin API key', info.api_key_required ? 'required' : 'not required (open on loopback)'],
  ];
  return (
    <Table variant="vertical" aria-label="Server info" layout="fixed" withTableBorder>
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th w={180}>{label}</Table.Th>
            <Table.Td style={{ wordBreak: 'break-all' }}>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
