import { Anchor, Badge, Code, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';

import type { NearMiss } from '../../../types/api';
import { WHOLE_BADGE } from './OutcomeBadge';

/** Plain words for a check's field (`match_headers.X-Env` → `header X-Env`). */
export function criterionLabel(field: string): string {
  const named = /^match_(headers|query)\.(.+)$/.exec(field);
  if (named) return `${named[1] === 'headers' ? 'header' : 'query'} ${named[2]}`;
  const body = /^match_body(\[(\d+)\])?$/.exec(field);
  if (body) return body[2] === undefined ? 'body' : `body condition ${Number(body[2]) + 1}`;
  if (field === 'match_content_type') return 'content type';
  return field.replace(/^match_/, '');
}

/**
 * SPEC §4 near misses condition by condition: for each mock that came
 * closest, every criterion with what it expected and what the request had.
 */
export function NearMissTable({ nearMisses }: { nearMisses: NearMiss[] }) {
  if (nearMisses.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No mock came close: none has this path or method.
      </Text>
    );
  }
  return (
    <Stack gap="md">
      {nearMisses.map((miss) => (
        <Paper key={miss.mock_id} withBorder p="sm">
          <Title order={4} size="h5">
            <Anchor component={Link} to={`/mocks/${encodeURIComponent(miss.mock_id)}`}>
              {miss.mock_name}
            </Anchor>{' '}
            <Text span size="xs" c="dimmed" ff="monospace">
              {miss.mock_id}
            </Text>
          </Title>
          <Text size="sm" mb="xs">
            {miss.reason}
          </Text>
          {miss.checks && miss.checks.length > 0 && (
            <Table.ScrollContainer minWidth={320} scrollAreaProps={{ viewportProps: { tabIndex: 0 } }}>
              <Table verticalSpacing={4} fz="sm" aria-label={`Why ${miss.mock_name} did not match`}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Criterion</Table.Th>
                    <Table.Th>Expected</Table.Th>
                    <Table.Th>Actual</Table.Th>
                    <Table.Th>Result</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {miss.checks.map((check) => (
                    <Table.Tr key={check.field}>
                      <Table.Td>
                        <Text size="sm" title={check.field}>
                          {criterionLabel(check.field)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Code>{check.expected}</Code>
                      </Table.Td>
                      <Table.Td>
                        <Code>{check.actual}</Code>
                      </Table.Td>
                      <Table.Td>
                        <Badge color={check.passed ? 'teal' : 'red'} variant="dot" styles={WHOLE_BADGE}>
                          {check.passed ? 'pass' : 'fail'}
                        </Badge>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Paper>
      ))}
    </Stack>
  );
}
