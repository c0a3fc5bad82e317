import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import type { ImportOptions, Mock, MockFilters, MockInput } from '../../../types/api';
import { mocksApi } from './mocks';

/** Query keys of the mocks resource; every mutation invalidates `all`. */
export const mockKeys = {
  all: ['mocks'] as const,
  list: (filters: MockFilters) => ['mocks', 'list', filters] as const,
  detail: (id: string) => ['mocks', 'detail', id] as const,
  stats: ['mocks', 'stats'] as const,
  /**
   * A dry-run import of one document (`documentId` tells documents apart).
   * Not under `mocks`: storing that import must not re-run its own preview.
   */
  importPreview: (documentId: number, options: ImportOptions) =>
    ['import-preview', documentId, options] as const,
};

/** How often hit counts refresh while a page shows them. */
export const STATS_REFRESH_MS = 5_000;

export function useMocks(filters: MockFilters = {}) {
  return useQuery({
    queryKey: mockKeys.list(filters),
    queryFn: ({ signal }) => mocksApi.list(filters, signal),
    placeholderData: keepPreviousData,
  });
}

export function useMock(id: string | undefined) {
  return useQuery({
    queryKey: mockKeys.detail(id ?? ''),
    queryFn: ({ signal }) => mocksApi.get(id ?? '', signal),
    enabled: Boolean(id),
  });
}

export function useMockStats() {
  return useQuery({
    queryKey: mockKeys.stats,
    queryFn: ({ signal }) => mocksApi.stats(signal),
    refetchInterval: STATS_REFRESH_MS,
    select: (data) => new Map(data.stats.map((s) => [s.mock_id, s])),
  });
}

function useInvalidateMocks() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: mockKeys.all });
}

export function useCreateMock() {
  const invalidate = useInvalidateMocks();
  return useMutation({ mutationFn: mocksApi.create, onSuccess: invalidate });
}

export function useUpdateMock() {
  const invalidate = useInvalidateMocks();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: MockInput }) => mocksApi.update(id, patch),
    onSuccess: (mock: Mock) => {
      queryClient.setQueryData(mockKeys.detail(mock.mock_id), mock);
      return invalidate();
    },
  });
}

export function useToggleMock() {
  const invalidate = useInvalidateMocks();
  return useMutation({ mutationFn: mocksApi.toggle, onSuccess: invalidate });
}

export function useDuplicateMock() {
  const invalidate = useInvalidateMocks();
  return useMutation({ mutationFn: mocksApi.duplicate, onSuccess: invalidate });
}

/** Sets `mock_enabled` on many mocks (only those not already in that state). */
export function useSetEnabled() {
  const invalidate = useInvalidateMocks();
  return useMutation({
    mutationFn: async ({ mocks, enabled }: { mocks: Mock[]; enabled: boolean }) => {
      const changing = mocks.filter((m) => m.mock_enabled !== enabled);
      await Promise.all(
        changing.map((m) => mocksApi.update(m.mock_id, { mock_enabled: enabled })),
      );
      return changing.length;
    },
    onSettled: invalidate,
  });
}

/** Deletes mocks; resolves with their definitions, for undo. */
export function useDeleteMocks() {
  const invalidate = useInvalidateMocks();
  return useMutation({
    mutationFn: async (mocks: Mock[]) => {
      await Promise.all(mocks.map((m) => mocksApi.remove(m.mock_id)));
      return mocks;
    },
    onSettled: invalidate,
  });
}

export function useBulkImport() {
  const invalidate = useInvalidateMocks();
  return useMutation({
    mutationFn: ({ document, upsert }: { document: unknown; upsert: boolean }) =>
      mocksApi.bulkImport(document, upsert),
    onSettled: invalidate,
  });
}

/** What importing `file` would do (a dry run: nothing is stored); off while `file` is null. */
export function useImportPreview(file: Blob | null, documentId: number, options: ImportOptions) {
  return useQuery({
    queryKey: mockKeys.importPreview(documentId, options),
    queryFn: ({ signal }) =>
      mocksApi.importDocument(file as Blob, { ...options, dry_run: true }, signal),
    enabled: file !== null,
    // A preview of a large file is heavy: keep it only while it is shown,
    // and re-run it only when the document or the options change.
    gcTime: 0,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    retry: false,
  });
}

/** Imports a document for real (SPEC §13) and refreshes every mocks query. */
export function useImportMocks() {
  const invalidate = useInvalidateMocks();
  return useMutation({
    mutationFn: ({ file, options }: { file: Blob; options: ImportOptions }) =>
      mocksApi.importDocument(file, { ...options, dry_run: false }),
    onSettled: invalidate,
  });
}
