import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Code,
  Group,
  Paper,
  Switch,
  Table,
  Text,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';

import { downloadJson } from '../../../lib/download';
import { localTime, timeAgo } from '../../../lib/time';
import type { Mock } from '../../../types/api';
import { useDuplicateMock, useMockStats, useSetEnabled, useToggleMock } from '../api/queries';
import { Sparkline } from '../traffic/Sparkline';
import { definitionOf, useDeleteWithUndo } from './useDeleteWithUndo';

interface Props {
  mocks: Mock[];
  loading: boolean;
  filtered: boolean;
  /** Hits per 10 s of the last minutes, by mock id (mocks hit recently). */
  recentHits?: Map<string, number[]>;
}

export function MocksTable({ mocks, loading, filtered, recentHits }: Props) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const stats = useMockStats();
  const toggle = useToggleMock();
  const duplicate = useDuplicateMock();
  const setEnabled = useSetEnabled();
  const deleteWithUndo = useDeleteWithUndo();
  const navigate = useNavigate();

  // Forget selected ids that are no longer listed (deleted or filtered out).
  useEffect(() => {
    setSelected((current) => {
      const listed = new Set(mocks.map((m) => m.mock_id));
      const kept = [...current].filter((id) => listed.has(id));
      return kept.length === current.size ? current : new Set(kept);
    });
  }, [mocks]);

  const chosen = useMemo(() => mocks.filter((m) => selected.has(m.mock_id)), [mocks, selected]);
  const allSelected = mocks.length > 0 && chosen.length === mocks.length;

  const select = (id: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const fail = (title: string) => (e: unknown) =>
    notifications.show({ color: 'red', title, message: e instanceof Error ? e.message : String(e) });

  if (!loading && mocks.length === 0) {
    return (
      <Paper withBorder p="xl" ta="center">
        <Text>{filtered ? 'No mock matches these filters.' : 'No mocks yet.'}</Text>
        {!filtered && (
          <Anchor component={Link} to="/mocks/new">
            Create your first mock
          </Anchor>
        )}
      </Paper>
    );
  }

  return (
    <>
      {chosen.length > 0 && (
        <Paper withBorder p="xs" role="region" aria-label="Bulk actions">
          <Group gap="xs">
            <Text size="sm" fw={500}>
              {chosen.length} selected
            </Text>
            <Button
              size="xs"
              variant="light"
              onClick={() =>
                setEnabled.mutateAsync({ mocks: chosen, enabled: true }).catch(fail('Enable failed'))
              }
            >
              Enable selected
            </Button>
            <Button
              size="xs"
              variant="light"
              onClick={() =>
                setEnabled
                  .mutateAsync({ mocks: chosen, enabled: false })
                  .catch(fail('Disable failed'))
              }
            >
              Disable selected
            </Button>
            <Button
              size="xs"
              variant="light"
              onClick={() =>
                downloadJson('mimicus-mocks-selected.json', { mocks: chosen.map(definitionOf) })
              }
            >
              Export selected
            </Button>
            <Button size="xs" variant="light" color="red" onClick={() => deleteWithUndo(chosen)}>
              Delete selected
            </Button>
            <Button size="xs" variant="subtle" onClick={() => setSelected(new Set())}>
              Clear selection
            </Button>
          </Group>
        </Paper>
      )}
      <Table.ScrollContainer minWidth={900}>
        <Table striped highlightOnHover verticalSpacing="xs" aria-label="Mocks">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={40}>
                <Checkbox
                  aria-label="Select all"
                  checked={allSelected}
                  indeterminate={chosen.length > 0 && !allSelected}
                  onChange={(e) =>
                    setSelected(
                      e.currentTarget.checked ? new Set(mocks.map((m) => m.mock_id)) : new Set(),
                    )
                  }
                />
              </Table.Th>
              <Table.Th w={80}>Enabled</Table.Th>
              <Table.Th>Name</Table.Th>
              <Table.Th>Method</Table.Th>
              <Table.Th>Path</Table.Th>
              <Table.Th>Mode</Table.Th>
              <Table.Th>Tags</Table.Th>
              <Table.Th ta="right">Hits</Table.Th>
              <Table.Th>Last 5 min</Table.Th>
              <Table.Th>Last hit</Table.Th>
              <Table.Th w={170}>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {mocks.map((mock) => {
              const hit = stats.data?.get(mock.mock_id);
              const editUrl = `/mocks/${encodeURIComponent(mock.mock_id)}`;
              return (
                <Table.Tr key={mock.mock_id}>
                  <Table.Td>
                    <Checkbox
                      aria-label={`Select ${mock.mock_name}`}
                      checked={selected.has(mock.mock_id)}
                      onChange={(e) => select(mock.mock_id, e.currentTarget.checked)}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Switch
                      aria-label="Enabled"
                      checked={mock.mock_enabled}
                      onChange={() =>
                        toggle.mutateAsync(mock.mock_id).catch(fail('Could not toggle the mock'))
                      }
                    />
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={editUrl} fw={500}>
                      {mock.mock_name}
                    </Anchor>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {mock.mock_id}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" radius="sm">
                      {mock.match_method}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Code>{mock.match_path}</Code>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{mock.mock_mode}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {mock.mock_tags.map((tag) => (
                        <Badge key={tag} variant="outline" size="sm" radius="sm">
                          {tag}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td ta="right">{hit?.hits ?? '–'}</Table.Td>
                  <Table.Td>
                    <RecentHits name={mock.mock_name} hits={recentHits?.get(mock.mock_id)} />
                  </Table.Td>
                  <Table.Td>
                    {hit?.last_hit_at ? (
                      <Text size="sm" title={localTime(hit.last_hit_at)}>
                        {timeAgo(hit.last_hit_at)}
                      </Text>
                    ) : (
                      <Text size="sm" c="dimmed">
                        never
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap" justify="flex-end">
                      <Tooltip label="Duplicate (as a disabled copy)">
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          onClick={() =>
                            duplicate
                              .mutateAsync(mock.mock_id)
                              .then((copy) =>
                                notifications.show({
                                  title: 'Duplicated',
                                  message: `Created "${copy.mock_name}" (disabled).`,
                                }),
                              )
                              .catch(fail('Could not duplicate the mock'))
                          }
                        >
                          Duplicate
                        </Button>
                      </Tooltip>
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color="red"
                        onClick={() => deleteWithUndo([mock])}
                      >
                        Delete
                      </Button>
                      <Tooltip label="Edit">
                        <ActionIcon
                          variant="subtle"
                          aria-label={`Edit ${mock.mock_name}`}
                          onClick={() => void navigate(editUrl)}
                        >
                          ✎
                        </ActionIcon>
                      </Tooltip>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}

function RecentHits({ name, hits }: { name: string; hits: number[] | undefined }) {
  const total = hits?.reduce((a, b) => a + b, 0) ?? 0;
  if (!hits || total === 0) {
    return (
      <Text size="sm" c="dimmed">
        –
      </Text>
    );
  }
  return (
    <Sparkline
      values={hits}
      label={`${name}: ${total} ${total === 1 ? 'hit' : 'hits'} in the last 5 minutes`}
    />
  );
}
