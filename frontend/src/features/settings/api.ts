// Calls and queries of the API-key and server-info endpoints (SPEC §11).

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, clearApiKey, getApiKey, setApiKey } from '../../api';
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

/**
 * Creates a key. A browser that has no key adopts it (`adopted`) before
 * anything is refetched: the first key closes the admin API, and without it
 * the next call would answer 401 before the key could be copied.
 */
export function useCreateApiKey() {
  const invalidate = useInvalidateKeys();
  return useMutation({
    mutationFn: async (name: string) => {
      const key = await settingsApi.createKey(name);
      const adopted = !getApiKey();
      if (adopted) setApiKey(key.key);
      return { key, adopted };
    },
    onSettled: invalidate,
  });
}

/**
 * Revokes a key. When it is the one this browser uses, the browser forgets
 * it before anything is refetched: a refetch with the revoked key can answer
 * 401, which swaps the page for the login screen, and a callback of the
 * unmounted page would never run.
 */
export function useRevokeApiKey() {
  const invalidate = useInvalidateKeys();
  return useMutation({
    mutationFn: async (key: ApiKeySummary) => {
      await settingsApi.revokeKey(key.id);
      const stored = getApiKey();
      if (stored?.startsWith(key.prefix)) clearApiKey();
    },
    onSettled: invalidate,
  });
}
