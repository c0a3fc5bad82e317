// Calls of the mocks endpoints (SPEC §3, §6, §12), all through the one client.

import { api, request } from '../../../api';
import type {
  BulkImportResult,
  ImportOptions,
  ImportResult,
  Mock,
  MockFilters,
  MockInput,
  MockList,
  MockStats,
  RequestLog,
  RequestLogList,
  TemplatePreviewRequest,
  TrafficReport,
  TemplatePreviewResult,
} from '../../../types/api';

const path = (id: string) => `/mocks/${encodeURIComponent(id)}`;

export const mocksApi = {
  list: (filters: MockFilters = {}, signal?: AbortSignal) =>
    api.get<MockList>('/mocks', { ...filters }, signal),
  get: (id: string, signal?: AbortSignal) => api.get<Mock>(path(id), undefined, signal),
  create: (input: MockInput) => api.post<Mock>('/mocks', input),
  update: (id: string, patch: MockInput) => api.patch<Mock>(path(id), patch),
  remove: (id: string) => api.delete(path(id)),
  toggle: (id: string) => api.post<Mock>(`${path(id)}/toggle`),
  duplicate: (id: string) => api.post<Mock>(`${path(id)}/duplicate`),
  exportAll: () => api.get<{ mocks: Mock[] }>('/mocks/export'),
  bulkImport: (document: unknown, upsert: boolean) =>
    api.post<BulkImportResult>('/mocks/bulk-import', document, upsert ? { upsert: true } : undefined),
  /** SPEC §13: another tool's file (or a Mimicus export) as a multipart upload. */
  importDocument: (file: Blob, options: ImportOptions, signal?: AbortSignal) => {
    const form = new FormData();
    form.append('file', file, file instanceof File ? file.name : 'pasted-document');
    return request<ImportResult>('/import', {
      method: 'POST',
      body: form,
      // Only what differs from the defaults, so the URL reads like the docs.
      query: {
        format: options.format,
        dry_run: options.dry_run || undefined,
        upsert: options.upsert || undefined,
        dynamic: options.dynamic || undefined,
      },
      signal,
    });
  },
  stats: (signal?: AbortSignal) =>
    api.get<{ stats: MockStats[] }>('/mocks/stats', undefined, signal),
  previewTemplate: (body: TemplatePreviewRequest) =>
    api.post<TemplatePreviewResult>('/templates/preview', body),
  /** A logged request (SPEC §10): the source of "create mock from this request". */
  loggedRequest: (logId: string, signal?: AbortSignal) =>
    api.get<RequestLog>(`/inspector/requests/${encodeURIComponent(logId)}`, undefined, signal),
  /** Recent logged requests, to pick a sample for the template preview. */
  recentRequests: (signal?: AbortSignal) =>
    api.get<RequestLogList>('/inspector/requests', { limit: 25 }, signal),
  /** The last minutes of traffic (requests/s, latency, per-mock hits). */
  traffic: (windowSeconds: number, signal?: AbortSignal) =>
    api.get<TrafficReport>('/traffic', { window: windowSeconds, step: 10 }, signal),
};
