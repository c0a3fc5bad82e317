import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';

import type { RequestLog, RequestLogFilters, RequestLogList } from '../../../types/api';
import { matchesFilters } from '../filters';
import { inspectorApi, TIMELINE_LIMIT } from './inspector';
import { followStream, type StreamStatus } from './stream';

/** Query keys of the inspector; the live stream writes into `list` and `detail`. */
export const inspectorKeys = {
  all: ['inspector'] as const,
  lists: ['inspector', 'list'] as const,
  list: (filters: RequestLogFilters) => ['inspector', 'list', filters] as const,
  detail: (logId: number) => ['inspector', 'detail', logId] as const,
};

export function useRequestLogs(filters: RequestLogFilters) {
  return useQuery({
    queryKey: inspectorKeys.list(filters),
    queryFn: ({ signal }) => inspectorApi.list(filters, signal),
    // The stream keeps the list current; a refetch only on reconnect.
    staleTime: Infinity,
  });
}

/** An entry from any timeline already loaded, else from the server. */
export function useRequestLog(logId: number | null) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: inspectorKeys.detail(logId ?? 0),
    queryFn: ({ signal }) => inspectorApi.get(logId ?? 0, signal),
    enabled: logId !== null,
    staleTime: Infinity,
    initialData: () => (logId === null ? undefined : findLoaded(queryClient, logId)),
  });
}

function findLoaded(queryClient: QueryClient, logId: number): RequestLog | undefined {
  for (const [, data] of queryClient.getQueriesData<RequestLogList>({ queryKey: inspectorKeys.lists })) {
    const found = data?.logs.find((l) => l.log_id === logId);
    if (found) return found;
  }
  return undefined;
}

/** Puts a new entry at the top of every loaded timeline whose filters it passes. */
export function addLiveEntry(queryClient: QueryClient, entry: RequestLog): void {
  queryClient.setQueryData(inspectorKeys.detail(entry.log_id), entry);
  for (const [key, data] of queryClient.getQueriesData<RequestLogList>({ queryKey: inspectorKeys.lists })) {
    const filters = (key[2] ?? {}) as RequestLogFilters;
    if (!data || !matchesFilters(entry, filters) || data.logs.some((l) => l.log_id === entry.log_id)) {
      continue;
    }
    queryClient.setQueryData<RequestLogList>(key, {
      logs: [entry, ...data.logs].slice(0, TIMELINE_LIMIT * 5),
      count: data.count + 1,
    });
  }
}

/** Follows the live stream while mounted, feeding the query cache. */
export function useLiveStream(): StreamStatus {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<StreamStatus>('connecting');
  useEffect(() => {
    const stop = new AbortController();
    void followStream({
      signal: stop.signal,
      onStatus: setStatus,
      onEntry: (entry) => addLiveEntry(queryClient, entry),
      // Entries written while disconnected: reload the timelines.
      onReconnect: () => void queryClient.invalidateQueries({ queryKey: inspectorKeys.lists }),
    });
    return () => stop.abort();
  }, [queryClient]);
  return status;
}

export function useClearRequests() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: inspectorApi.clear,
    onSettled: () => queryClient.invalidateQueries({ queryKey: inspectorKeys.all }),
  });
}

export function useMockNames() {
  return useQuery({
    queryKey: ['mocks', 'list', {}],
    queryFn: ({ signal }) => inspectorApi.mocks(signal),
    select: (data) => new Map(data.mocks.map((m) => [m.mock_id, m.mock_name])),
  });
}
