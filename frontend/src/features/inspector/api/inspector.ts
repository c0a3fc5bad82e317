// Calls of the inspector endpoints (SPEC §10), through the one client.

import { api } from '../../../api';
import type { MockList, RequestLog, RequestLogFilters, RequestLogList } from '../../../types/api';

/** How many entries the timeline loads, and keeps while following live. */
export const TIMELINE_LIMIT = 200;

export const inspectorApi = {
  list: (filters: RequestLogFilters, signal?: AbortSignal) =>
    api.get<RequestLogList>('/inspector/requests', { ...filters, limit: TIMELINE_LIMIT }, signal),
  get: (logId: number | string, signal?: AbortSignal) =>
    api.get<RequestLog>(`/inspector/requests/${encodeURIComponent(String(logId))}`, undefined, signal),
  clear: () => api.delete('/inspector/requests'),
  /** Mock names for the Mock filter and the timeline. */
  mocks: (signal?: AbortSignal) => api.get<MockList>('/mocks', undefined, signal),
};
