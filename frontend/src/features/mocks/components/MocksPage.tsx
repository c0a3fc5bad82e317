import { Alert, Button, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedCallback, useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';

import { downloadJson } from '../../../lib/download';
import { usePageTitle } from '../../../lib/usePageTitle';
import { useSearchHotkey } from '../../../lib/useSearchHotkey';
import type { Mock } from '../../../types/api';
import { mocksApi } from '../api/mocks';
import { useMocks } from '../api/queries';
import { apiFilters, filtersFromParams, MODES, paramsFromFilters, type ListFilters } from './filters';
import { MocksTable } from './MocksTable';
import { TrafficPanel } from '../traffic/TrafficPanel';
import { recentHitsById, useTraffic } from '../traffic/useTraffic';

// The import dialog is its own chunk (first-load budget, docs/ui.md),
// fetched when the Import button is first pointed at or pressed.
const loadImportDialog = () => import('../import/dialog');
const ImportDialog = lazy(loadImportDialog);
/** A failed prefetch is retried by `lazy` when the dialog opens. */
const prefetchImportDialog = () => void loadImportDialog().catch(() => undefined);

export function MocksPage() {
  usePageTitle('Mocks');
  const [params, setParams] = useSearchParams();
  const filters = filtersFromParams(params);
  const { data, error, isPending } = useMocks(apiFilters(filters));
  const everything = useMocks();
  const traffic = useTraffic();
  const recentHits = useMemo(() => recentHitsById(traffic.data), [traffic.data]);
  const [importOpen, importModal] = useDisclosure(false);
  const searchRef = useRef<HTMLInputElement>(null);
  useSearchHotkey(searchRef);

  // The search box updates at once; the URL (and the query) after a pause.
  const [search, setSearch] = useState(filters.search);
  useEffect(() => setSearch(filters.search), [filters.search]);
  // From the latest URL, not the one of the render that made this function:
  // the debounced search runs later, maybe after another filter changed.
  // The ref holds the newest filters we asked for, before the router has
  // applied them, and follows the URL when it changes (back, links).
  const latestParams = useRef(params);
  useEffect(() => {
    latestParams.current = params;
  }, [params]);
  const setFilter = (change: Partial<ListFilters>) => {
    const next = paramsFromFilters({ ...filtersFromParams(latestParams.current), ...change });
    latestParams.current = next;
    setParams(next, { replace: true });
  };
  const commitSearch = useDebouncedCallback((value: string) => setFilter({ search: value }), 250);

  const tags = useMemo(
    () => [...new Set((everything.data?.mocks ?? []).flatMap((m) => m.mock_tags))].sort(),
    [everything.data],
  );
  const filtered = Boolean(filters.search || filters.enabled || filters.mode || filters.tag);

  async function exportAll() {
    try {
      downloadJson('mimicus-mocks.json', await mocksApi.exportAll());
    } catch (e) {
      notifications.show({ color: 'red', title: 'Export failed', message: String(e) });
    }
  }

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>Mocks</Title>
        <Group gap="xs">
          <Button
            variant="default"
            onClick={importModal.open}
            onPointerEnter={prefetchImportDialog}
            onFocus={prefetchImportDialog}
          >
            Import
          </Button>
          <Button variant="default" onClick={exportAll}>
            Export
          </Button>
          <Button component={Link} to="/mocks/new">
            New mock
          </Button>
        </Group>
      </Group>

      <TrafficPanel report={traffic.data} />

      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          ref={searchRef}
          label="Search"
          placeholder="Name, id or path — press / to focus"
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            commitSearch(e.currentTarget.value);
          }}
          w={300}
          maw="100%"
          type="search"
        />
        <Select
          label="Show"
          value={filters.enabled}
          onChange={(v) => setFilter({ enabled: (v ?? '') as ListFilters['enabled'] })}
          data={[
            { value: '', label: 'All mocks' },
            { value: 'true', label: 'Enabled only' },
            { value: 'false', label: 'Disabled only' },
          ]}
          allowDeselect={false}
          w={160}
        />
        <Select
          label="Mode"
          value={filters.mode}
          onChange={(v) => setFilter({ mode: (v ?? '') as ListFilters['mode'] })}
          data={[{ value: '', label: 'Any mode' }, ...MODES.map((m) => ({ value: m, label: m }))]}
          allowDeselect={false}
          w={190}
        />
        <Select
          label="Tag"
          value={filters.tag}
          onChange={(v) => setFilter({ tag: v ?? '' })}
          data={[
            { value: '', label: 'Any tag' },
            ...[...new Set([...tags, ...(filters.tag ? [filters.tag] : [])])].map((t) => ({
              value: t,
              label: t,
            })),
          ]}
          allowDeselect={false}
          searchable
          w={180}
        />
        {filtered && (
          <Button
            variant="subtle"
            onClick={() => setFilter({ search: '', enabled: '', mode: '', tag: '' })}
          >
            Clear filters
          </Button>
        )}
      </Group>

      {error && (
        <Alert color="red" title="Could not load the mocks">
          {error.message}
        </Alert>
      )}
      {data && (
        <Text size="sm" c="dimmed" aria-live="polite">
          {filtered
            ? `${data.count} of ${everything.data?.count ?? '…'} mocks match`
            : `${data.count} ${data.count === 1 ? 'mock' : 'mocks'}`}
        </Text>
      )}
      <MocksTable
        mocks={data?.mocks ?? ([] as Mock[])}
        loading={isPending}
        filtered={filtered}
        recentHits={recentHits}
      />
      {importOpen && (
        <Suspense fallback={null}>
          <ImportDialog onClose={importModal.close} />
        </Suspense>
      )}
    </Stack>
  );
}
