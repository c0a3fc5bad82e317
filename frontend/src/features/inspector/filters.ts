// The Inspector's filters live in the URL query under the API's own names
// (SPEC §10), so a filter set is a link and reads like the API call.

import type { Outcome, RequestLog, RequestLogFilters } from '../../types/api';

export const OUTCOMES: Outcome[] = [
  'matched',
  'unmatched',
  'proxied',
  'fallback',
  'error_simulated',
  'rate_limited',
  'template_error',
];

export const FILTER_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

export function filtersFromParams(params: URLSearchParams): RequestLogFilters {
  const filters: RequestLogFilters = {};
  const text = (name: 'method' | 'path' | 'mock_id' | 'session_id') => {
    const value = params.get(name)?.trim();
    if (value) filters[name] = value;
  };
  text('method');
  text('path');
  text('mock_id');
  text('session_id');
  if (filters.method) filters.method = filters.method.toUpperCase();
  const status = Number(params.get('status'));
  if (Number.isInteger(status) && status >= 100 && status <= 599) filters.status = status;
  const outcome = params.get('outcome') as Outcome | null;
  if (outcome && OUTCOMES.includes(outcome)) filters.outcome = outcome;
  return filters;
}

/** The query string of `filters`, in a fixed order, without empty entries. */
export function paramsFromFilters(filters: RequestLogFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of ['method', 'path', 'status', 'outcome', 'mock_id', 'session_id'] as const) {
    const value = filters[name];
    if (value !== undefined && value !== '') params.set(name, String(value));
  }
  return params;
}

export function hasFilters(filters: RequestLogFilters): boolean {
  return paramsFromFilters(filters).toString() !== '';
}

/** The server's filter semantics, for entries arriving live (path: substring ignoring case). */
export function matchesFilters(log: RequestLog, f: RequestLogFilters): boolean {
  return (
    (f.method === undefined || log.request_method === f.method) &&
    (f.path === undefined || log.request_path.toLowerCase().includes(f.path.toLowerCase())) &&
    (f.status === undefined || log.response_status === f.status) &&
    (f.outcome === undefined || log.outcome === f.outcome) &&
    (f.mock_id === undefined || log.matched_mock_id === f.mock_id) &&
    (f.session_id === undefined || log.session_id === f.session_id)
  );
}
