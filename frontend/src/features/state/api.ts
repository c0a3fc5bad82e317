// Calls and queries of the state endpoints (SPEC §5), through the one client.

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, request } from '../../api';
import type { JsonValue, StateEntry, StateSession } from '../../types/api';

const sessionPath = (session: string) => `/state/${encodeURIComponent(session)}`;
const keyPath = (session: string, key: string) =>
  `${sessionPath(session)}/${encodeURIComponent(key)}`;

export const stateApi = {
  sessions: (signal?: AbortSignal) =>
    api.get<{ sessions: StateSession[]; count: number }>('/state', undefined, signal),
  keys: (session: string, signal?: AbortSignal) =>
    api.get<{ states: StateEntry[]; count: number }>(sessionPath(session), undefined, signal),
  set: (session: string, key: string, value: JsonValue) =>
    api.post<{ state_key: string; state_value: JsonValue }>(sessionPath(session), {
      state_key: key,
      state_value: value,
    }),
  increment: (session: string, key: string, delta = 1) =>
    request<{ state_key: string; new_value: number }>(`${keyPath(session, key)}/increment`, {
      method: 'PUT',
      query: { delta },
    }),
  remove: (session: string, key: string) =>
    request<{ deleted: boolean }>(keyPath(session, key), { method: 'DELETE' }),
  clear: (session: string) =>
    request<{ deleted: number }>(sessionPath(session), { method: 'DELETE' }),
};

/** Query keys of the state resource; every mutation invalidates `all`. */
export const stateKeys = {
  all: ['state'] as const,
  sessions: ['state', 'sessions'] as const,
  session: (id: string) => ['state', 'session', id] as const,
};

/** State changes behind the page's back (templates write it): refresh often. */
export const STATE_REFRESH_MS = 3_000;

export function useSessions() {
  return useQuery({
    queryKey: stateKeys.sessions,
    queryFn: ({ signal }) => stateApi.sessions(signal),
    refetchInterval: STATE_REFRESH_MS,
  });
}

export function useSessionKeys(session: string | null) {
  return useQuery({
    queryKey: stateKeys.session(session ?? ''),
    queryFn: ({ signal }) => stateApi.keys(session ?? '', signal),
    enabled: Boolean(session),
    refetchInterval: STATE_REFRESH_MS,
  });
}

function useInvalidateState() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: stateKeys.all });
}

export function useSetState() {
  const invalidate = useInvalidateState();
  return useMutation({
    mutationFn: ({ session, key, value }: { session: string; key: string; value: JsonValue }) =>
      stateApi.set(session, key, value),
    onSuccess: invalidate,
  });
}

export function useIncrementState() {
  const invalidate = useInvalidateState();
  return useMutation({
    mutationFn: ({ session, key }: { session: string; key: string }) =>
      stateApi.increment(session, key),
    onSettled: invalidate,
  });
}

export function useDeleteState() {
  const invalidate = useInvalidateState();
  return useMutation({
    mutationFn: ({ session, key }: { session: string; key: string }) =>
      stateApi.remove(session, key),
    onSettled: invalidate,
  });
}

export function useClearSession() {
  const invalidate = useInvalidateState();
  return useMutation({
    mutationFn: (session: string) => stateApi.clear(session),
    onSettled: invalidate,
  });
}
