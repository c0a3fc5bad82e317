// Calls and queries of the recording endpoints (SPEC §8).

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api } from '../../api';
import type { Capture, RecordingStatus, RecordingStopResult } from '../../types/api';

export interface StartInput {
  upstream_url: string;
  path_prefix?: string;
}

export const recordingApi = {
  status: (signal?: AbortSignal) => api.get<RecordingStatus>('/recording', undefined, signal),
  captured: (page: { limit: number; offset: number }, signal?: AbortSignal) =>
    api.get<{ captured: Capture[]; count: number }>('/recording/captured', page, signal),
  start: (input: StartInput) => api.post<RecordingStatus>('/recording/start', input),
  stop: (createMocks: boolean) =>
    api.post<RecordingStopResult>('/recording/stop', { create_mocks: createMocks }),
};

export const recordingKeys = {
  all: ['recording'] as const,
  status: ['recording', 'status'] as const,
  captured: (offset: number) => ['recording', 'captured', offset] as const,
};

/** While a recording runs, its status and captures refresh this often. */
export const LIVE_REFRESH_MS = 1_000;
/** The captured list shows the newest this many. */
export const CAPTURES_SHOWN = 200;

export function useRecordingStatus() {
  return useQuery({
    queryKey: recordingKeys.status,
    queryFn: ({ signal }) => recordingApi.status(signal),
    refetchInterval: (query) => (query.state.data?.active ? LIVE_REFRESH_MS : false),
  });
}

/** The newest captures of the latest recording (by the status's count). */
export function useCaptured(status: RecordingStatus | undefined) {
  const total = status?.captured ?? 0;
  const offset = Math.max(0, total - CAPTURES_SHOWN);
  return useQuery({
    queryKey: recordingKeys.captured(offset),
    queryFn: ({ signal }) => recordingApi.captured({ limit: CAPTURES_SHOWN, offset }, signal),
    enabled: status !== undefined && status.recording_id !== null,
    refetchInterval: status?.active ? LIVE_REFRESH_MS : false,
  });
}

function useInvalidateRecording() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: recordingKeys.all });
}

export function useStartRecording() {
  const invalidate = useInvalidateRecording();
  return useMutation({ mutationFn: recordingApi.start, onSettled: invalidate });
}

export function useStopRecording() {
  const invalidate = useInvalidateRecording();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: recordingApi.stop,
    onSettled: () =>
      Promise.all([
        invalidate(),
        // Created mocks show on the Mocks page and in the palette.
        queryClient.invalidateQueries({ queryKey: ['mocks'] }),
      ]),
  });
}
