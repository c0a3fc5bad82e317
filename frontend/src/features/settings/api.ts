// Calls and queries of the API-key and server-info endpoints (SPEC §11).

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api } from '../../api';
import type { ApiKeySummary, CreatedApiKey, ServerInfo } from '../../types/api';

export const settingsApi = {
  keys: (signal?: AbortSignal) =>
    api.get<{ api_keys: ApiKeySummary[]; count: number }>('/api-keys', undefined, signal),
  createKey: (name: string) => api.post<CreatedApiKey>('/api-keys', { name }),
  revokeKey: (id: string) => api.delete(`/api-keys/${encodeURIComponent(id)}`),
  serverInfo: (signal?: AbortSignal) => api.get<ServerInfo>('/server-info', undefined, signal),
};

export const settingsKeys = {
  apiKeys: ['api-keys'] as const,
  serverInfo: ['server-info'] as const,
};

/** Uptime and inspector numbers move: refresh while the page is open. */
export const SERVER_INFO_REFRESH_MS = 5_000;

export function useApiKeys() {
  return useQuery({
    queryKey: settingsKeys.apiKeys,
    queryFn: ({ signal }) => settingsApi.keys(signal),
  });
}

export function useServerInfo() {
  return useQuery({
    queryKey: settingsKeys.serverInfo,
    queryFn: ({ signal }) => settingsApi.serverInfo(signal),
    refetchInterval: SERVER_INFO_REFRESH_MS,
  });
}

function useInvalidateKeys() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: settingsKeys.apiKeys }),
      // Whether a key is required changes with the first key.
      queryClient.invalidateQueries({ queryKey: settingsKeys.serverInfo }),
    ]);
}

export function useCreateApiKey() {
  const invalidate = useInvalidateKeys();
  return useMutation({ mutationFn: settingsApi.createKey, onSettled: invalidate });
}

export function useRevokeApiKey() {
  const invalidate = useInvalidateKeys();
  return useMutation({ mutationFn: settingsApi.revokeKey, onSettled: invalidate });
}
