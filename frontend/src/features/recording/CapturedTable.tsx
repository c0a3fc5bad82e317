import { Badge, Button, Code, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';

import { localTime, timeAgo } from '../../lib/time';
import type { Capture, Grouped } from '../../types/api';

function statusColor(status: number) {
  if (status >= 500) return 'red';
  if (status >= 400) return 'orange';
  if (status >= 300) return 'blue';
  return 'green';
}

function queryString(query: Grouped): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    for (const v of Array.isArray(value) ? value : [value]) params.append(name, v);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function headerText(headers: Grouped): string {
  return Object.entries(headers)
    .flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((v) => `${name}: ${v}`))
    .join('\n');
}

function Exchange({ capture }: { capture: Capture }) {
  const body = (text: string, encoding: string) =>
    text ? (encoding === 'base64' ? `(binary, base64) ${text}` : text) : '(empty)';
  const block = { maxHeight: 240, overflow: 'auto', whiteSpace: 'pre-wrap' } as const;
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        Request
      </Title>
      <Code block style={block}>
        {`${capture.method} ${capture.path}${queryString(capture.query)}\n${headerText(capture.request_headers)}`}
      </Code>
      <Code block style={block}>
        {body(capture.request_body, capture.request_body_encoding)}
      </Code>
      <Title order={3} size="h5">
        Response: {capture.status} in {capture.duration_ms} ms
      </Title>
      <Code block style={block}>
        {headerText(capture.response_headers) || '(no headers)'}
      </Code>
      <Code block style={block}>
        {body(capture.response_body, capture.response_body_encoding)}
        {capture.response_body_truncated ? '\n… (truncated)' : ''}
      </Code>
    </Stack>
  );
}

/** The captured exchanges, newest first, with each one's details on demand. */
export function CapturedTable({ captures }: { captures: Capture[] }) {
  const [shown, setShown] = useState<Capture | null>(null);
  const newestFirst = [...captures].reverse();
  return (
    <>
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="xs" highlightOnHover aria-label="Captured requests">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Method</Table.Th>
              <Table.Th>Path</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Duration</Table.Th>
              <Table.Th>Captured</Table.Th>
              <Table.Th>
                <Text span size="sm" fw={700}>
                  Details
                </Text>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {newestFirst.map((c) => (
              <Table.Tr key={c.capture_id}>
                <Table.Td>
                  <Text ff="monospace" size="sm">
                    {c.method}
                  </Text>
                </Table.Td>
                <Table.Td style={{ wordBreak: 'break-all' }}>
                  <Text ff="monospace" size="sm">
                    {c.path}
                    {queryString(c.query)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge color={statusColor(c.status)} variant="filled">
                    {c.status}
                  </Badge>
                </Table.Td>
                <Table.Td>{c.duration_ms} ms</Table.Td>
                <Table.Td>
                  <Text size="sm" title={localTime(c.created_at)} span>
                    {timeAgo(c.created_at)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Button size="xs" variant="default" onClick={() => setShown(c)}>
                    Show
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Modal
        opened={shown !== null}
        onClose={() => setShown(null)}
        title={shown ? `${shown.method} ${shown.path}` : ''}
        size="xl"
      >
        {shown && <Exchange capture={shown} />}
      </Modal>
    </>
  );
}
