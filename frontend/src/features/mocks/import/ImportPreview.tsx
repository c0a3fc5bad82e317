import { Badge, Code, List, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';

import type { ImportResult } from '../../../types/api';
import { formatLabel } from './formats';
import { countsOf, previewOf, type Outcome } from './preview';

/** Rows drawn at most: a 5,000-operation spec still previews instantly. */
export const SHOWN_ROWS = 200;

// Filled in dark shades: white text on them passes WCAG AA in both themes.
const OUTCOMES: Record<Outcome, { label: string; color: string }> = {
  create: { label: 'Create', color: 'teal.9' },
  update: { label: 'Update', color: 'blue.9' },
  skip: { label: 'Skip', color: 'gray.7' },
};

/** A dry run's answer: what each mock would become, with its warnings. */
export function ImportPreview({ result }: { result: ImportResult }) {
  const { rows, others } = previewOf(result);
  const shown = rows.slice(0, SHOWN_ROWS);
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        Preview
      </Title>
      <Text size="sm" aria-live="polite">
        {formatLabel(result.format)}: {countsOf(result, 'would')}.
      </Text>
      {rows.length > 0 && (
        <ScrollArea.Autosize
          mah={340}
          type="auto"
          // Focusable, so the rows can be scrolled with the keyboard.
          viewportProps={{ tabIndex: 0, role: 'region', 'aria-label': 'Mocks in the file' }}
        >
          <Table aria-label="Import preview" striped verticalSpacing={6} fz="sm" miw={480}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th miw={96}>Result</Table.Th>
                <Table.Th w="45%">Mock</Table.Th>
                <Table.Th>Warnings</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((row) => (
                <Table.Tr key={`${row.outcome}:${row.id}`}>
                  <Table.Td>
                    <Badge color={OUTCOMES[row.outcome].color}>{OUTCOMES[row.outcome].label}</Badge>
                  </Table.Td>
                  {/* Paths and ids (often UUIDs) break anywhere rather than squeeze the row. */}
                  <Table.Td style={{ wordBreak: 'break-all' }}>
                    {row.mock && (
                      <>
                        {row.mock.mock_name !== row.id && (
                          <Text size="sm" style={{ wordBreak: 'normal' }}>
                            {row.mock.mock_name}
                          </Text>
                        )}
                        <Code>
                          {row.mock.match_method} {row.mock.match_path}
                        </Code>
                        <br />
                      </>
                    )}
                    <Text span size="xs" c="dimmed">
                      id <Code>{row.id}</Code>
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {row.warnings.length > 0 ? (
                      <List size="sm" spacing={2}>
                        {row.warnings.map((message, i) => (
                          <List.Item key={i}>{message}</List.Item>
                        ))}
                      </List>
                    ) : (
                      <Text size="sm" c="dimmed">
                        none
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      )}
      {rows.length > shown.length && (
        <Text size="sm" c="dimmed">
          The first {shown.length} of {rows.length} are listed; the import takes all of them.
        </Text>
      )}
      {others.length > 0 && (
        <>
          <Title order={4} size="h5">
            Other warnings
          </Title>
          <List size="sm" aria-label="Other warnings" spacing={2}>
            {others.map((w, i) => (
              <List.Item key={i}>
                <Code>{w.item}</Code> {w.message}
              </List.Item>
            ))}
          </List>
        </>
      )}
    </Stack>
  );
}
