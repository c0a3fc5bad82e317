import { Alert, Badge, Button, CloseButton, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMemo, useRef, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';

import { PageLoader } from '../../components/PageLoader';
import { usePageTitle } from '../../lib/usePageTitle';
import type { RequestLogFilters } from '../../types/api';
import { useClearRequests, useLiveStream, useMockNames, useRequestLog, useRequestLogs } from './api/queries';
import type { StreamStatus } from './api/stream';
import { InspectorFilters } from './components/InspectorFilters';
import { RequestDetail } from './components/RequestDetail';
import { RequestTimeline } from './components/RequestTimeline';
import { filtersFromParams, hasFilters, paramsFromFilters } from './filters';

const STATUS_TEXT: Record<StreamStatus, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  unauthorized: 'Signed out',
};

/** `/admin/inspector` and `/admin/inspector/{log_id}` (SPEC §10, §12). */
export function InspectorPage() {
  usePageTitle('Inspector');
  const { logId: rawId } = useParams();
  const logId = rawId !== undefined && /^\d+$/.test(rawId) ? Number(rawId) : null;
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const search = params.toString() ? `?${params.toString()}` : '';
  const navigate = useNavigate();

  const status = useLiveStream();
  const list = useRequestLogs(filters);
  const detail = useRequestLog(logId);
  const mockNames = useMockNames().data;
  const clear = useClearRequests();

  // Paused: the timeline stops at the newest entry shown then; what arrives
  // meanwhile is kept in the cache and counted.
  const [pausedAt, setPausedAt] = useState<number | null>(null);
  const logs = list.data?.logs ?? [];
  const shown = pausedAt === null ? logs : logs.filter((l) => l.log_id <= pausedAt);
  const newCount = logs.length - shown.length;

  // The filters we last asked for, ahead of the router applying them.
  const latest = useRef(params);
  latest.current = params;
  const setFilter = (change: Partial<RequestLogFilters>) => {
    const next = paramsFromFilters({ ...filtersFromParams(latest.current), ...change });
    latest.current = next;
    setParams(next, { replace: true });
  };

  const close = () => void navigate(`/inspector${search}`);
  useHotkeys([['Escape', () => rawId !== undefined && close()]]);

  async function clearAll() {
    try {
      await clear.mutateAsync();
      notifications.show({ title: 'Cleared', message: 'Every logged request was deleted.' });
      if (rawId !== undefined) close();
    } catch (e) {
      notifications.show({ color: 'red', title: 'Could not clear', message: String(e) });
    }
  }

  const live = pausedAt === null;
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Group gap="sm" align="center">
          <Title order={1}>Inspector</Title>
          <Badge
            role="status"
            variant={status === 'live' && live ? 'filled' : 'default'}
            color={status === 'live' ? 'teal.9' : undefined}
          >
            {live ? STATUS_TEXT[status] : 'Paused'}
          </Badge>
        </Group>
        <Group gap="xs">
          {!live && (
            <Text size="sm" aria-live="polite">
              {newCount} new {newCount === 1 ? 'request' : 'requests'}
            </Text>
          )}
          <Button
            variant={live ? 'default' : 'filled'}
            onClick={() => setPausedAt(live ? (logs[0]?.log_id ?? 0) : null)}
          >
            {live ? 'Pause' : `Resume${newCount ? ` (${newCount} new)` : ''}`}
          </Button>
          <Button variant="default" color="red" onClick={() => void clearAll()} loading={clear.isPending}>
            Clear log
          </Button>
        </Group>
      </Group>
      <InspectorFilters filters={filters} onChange={setFilter} mockNames={mockNames} />
      {list.error && (
        <Alert color="red" title="Could not load the requests">
          {list.error.message}
        </Alert>
      )}
      {list.data && (
        <Text size="sm" c="dimmed">
          {hasFilters(filters)
            ? `${list.data.count} matching ${list.data.count === 1 ? 'request' : 'requests'}`
            : `${list.data.count} logged ${list.data.count === 1 ? 'request' : 'requests'}`}
          {list.data.count > shown.length && `, newest ${shown.length} shown`}
        </Text>
      )}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: rawId !== undefined ? 7 : 12 }}>
          <RequestTimeline
            logs={shown}
            selectedId={logId}
            search={search}
            mockNames={mockNames}
            loading={list.isPending}
            filtered={hasFilters(filters)}
          />
        </Grid.Col>
        {rawId !== undefined && (
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <div style={{ position: 'sticky', top: 72 }}>
              {detail.data ? (
                <RequestDetail
                  log={detail.data}
                  mockName={detail.data.matched_mock_id ? mockNames?.get(detail.data.matched_mock_id) : undefined}
                  onClose={close}
                />
              ) : detail.isPending && logId !== null ? (
                <PageLoader />
              ) : (
                <Paper withBorder p="md" component="section" aria-label="Request detail">
                  <Group justify="space-between" wrap="nowrap">
                    <Title order={2} size="h4">
                      Request not found
                    </Title>
                    <CloseButton aria-label="Close detail (Esc)" onClick={close} />
                  </Group>
                  <Text size="sm">
                    There is no logged request #{rawId}: it may have been pruned or cleared.
                  </Text>
                </Paper>
              )}
            </div>
          </Grid.Col>
        )}
      </Grid>
    </Stack>
  );
}
