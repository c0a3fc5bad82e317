import {
  Anchor,
  Badge,
  Button,
  CloseButton,
  Code,
  Group,
  Paper,
  ScrollArea,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link } from 'react-router';

import { localTime } from '../../../lib/time';
import type { GroupedPairs, RequestLog } from '../../../types/api';
import { pairs, queryString, toCurl } from '../curl';
import { NearMissTable } from './NearMissTable';
import { OutcomeBadge } from './OutcomeBadge';

function Pairs({ label, values }: { label: string; values: GroupedPairs }) {
  const rows = pairs(values);
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No {label.toLowerCase()}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={300} scrollAreaProps={{ viewportProps: { tabIndex: 0 } }}>
      <Table verticalSpacing={2} fz="sm" aria-label={label}>
        <Table.Tbody>
          {rows.map(([name, value], i) => (
            <Table.Tr key={`${name}-${i}`}>
              <Table.Th w="35%" fw={500} style={{ wordBreak: 'break-all' }}>
                {name}
              </Table.Th>
              <Table.Td ff="monospace" style={{ wordBreak: 'break-all' }}>
                {value}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Body({ label, text, truncated }: { label: string; text: string; truncated: boolean }) {
  if (!text) {
    return (
      <Text size="sm" c="dimmed">
        Empty {label.toLowerCase()}
      </Text>
    );
  }
  let shown = text;
  try {
    shown = JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    // not JSON: as sent
  }
  return (
    <>
      <ScrollArea.Autosize mah={260} type="auto" viewportProps={{ tabIndex: 0 }}>
        <Code block aria-label={label}>
          {shown}
        </Code>
      </ScrollArea.Autosize>
      {truncated && (
        <Text size="xs" c="dimmed">
          Cut to the first 64 KiB.
        </Text>
      )}
    </>
  );
}

function Caption({ children }: { children: React.ReactNode }) {
  return (
    <Text size="xs" fw={600} c="dimmed" tt="uppercase">
      {children}
    </Text>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Stack gap={6}>
      <Title order={3} size="h5">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

interface Props {
  log: RequestLog;
  mockName?: string;
  onClose: () => void;
}

/** The detail pane of one logged request (SPEC §10, §12). */
export function RequestDetail({ log, mockName, onClose }: Props) {
  async function copyCurl() {
    const command = toCurl(log, window.location.origin);
    try {
      await navigator.clipboard.writeText(command);
      notifications.show({ title: 'Copied', message: 'The curl command is on the clipboard.' });
    } catch {
      notifications.show({ color: 'red', title: 'Could not copy', message: command });
    }
  }

  return (
    <Paper withBorder p="md" component="section" aria-label="Request detail">
      <Stack gap="md">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <div style={{ minWidth: 0 }}>
            <Title order={2} size="h4" style={{ wordBreak: 'break-all' }}>
              {log.request_method} {log.request_path}
              {queryString(log.request_query)}
            </Title>
            <Text size="xs" c="dimmed">
              #{log.log_id} · {localTime(log.created_at)} · {log.duration_ms.toFixed(2)} ms · from{' '}
              {log.client_ip}
              {log.session_id && ` · session ${log.session_id}`}
            </Text>
          </div>
          <CloseButton aria-label="Close detail (Esc)" onClick={onClose} />
        </Group>
        <Group gap="xs">
          <Badge variant="dot" color={log.response_status >= 400 ? 'red' : 'teal'}>
            {log.response_status}
          </Badge>
          <OutcomeBadge outcome={log.outcome} />
          {log.matched_mock_id && (
            <Anchor component={Link} to={`/mocks/${encodeURIComponent(log.matched_mock_id)}`} size="sm">
              {mockName ?? log.matched_mock_id}
            </Anchor>
          )}
          {log.variant !== null && <Text size="sm">variant {log.variant + 1}</Text>}
        </Group>
        <Group gap="xs">
          <Button component={Link} to={`/mocks/new?from_request=${log.log_id}`} size="xs">
            Create mock from this request
          </Button>
          <Button size="xs" variant="default" onClick={() => void copyCurl()}>
            Copy as curl
          </Button>
        </Group>

        {log.outcome === 'unmatched' && (
          <Section title="Near misses">
            <NearMissTable nearMisses={log.near_misses ?? []} />
          </Section>
        )}
        <Section title="Request">
          <Caption>Query</Caption>
          <Pairs label="Query parameters" values={log.request_query} />
          <Caption>Headers</Caption>
          <Pairs label="Request headers" values={log.request_headers} />
          <Caption>Body</Caption>
          <Body label="Request body" text={log.request_body} truncated={log.request_body_truncated} />
        </Section>
        <Section title="Response">
          <Caption>Headers</Caption>
          <Pairs label="Response headers" values={log.response_headers} />
          <Caption>Body</Caption>
          <Body label="Response body" text={log.response_body} truncated={log.response_body_truncated} />
        </Section>
        {log.template_context !== null && (
          <Section title="Template context">
            <ScrollArea.Autosize mah={300} type="auto" viewportProps={{ tabIndex: 0 }}>
              <Code block aria-label="Template context">
                {JSON.stringify(log.template_context, null, 2)}
              </Code>
            </ScrollArea.Autosize>
          </Section>
        )}
      </Stack>
    </Paper>
  );
}
