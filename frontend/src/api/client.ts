// The one typed client of the admin API: every request goes through `request`,
// which adds the API key, parses SPEC §2 errors into `ApiError`, and turns a
// 401 into the login screen.

import type { ApiErrorBody } from '../types/api';
import { getApiKey, setLoginRequired } from './auth';

export const API_BASE = '/api/admin';

export class ApiError extends Error {
  readonly status: number;
  /** SPEC §2 snake_case code, e.g. `validation_error`. */
  readonly code: string;
  readonly detail: string;
  /** The input field at fault (`match_headers.X-Env`, `variants[1].weight`). */
  readonly field?: string;

  constructor(status: number, body: ApiErrorBody) {
    super(body.detail || body.error);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.error;
    this.detail = body.detail;
    this.field = body.field;
  }
}

type Query = Record<string, string | number | boolean | undefined | null>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  /** Sent as JSON unless it is FormData. */
  body?: unknown;
  signal?: AbortSignal;
}

export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

/** Headers every admin call carries (exported for streaming readers). */
export function authHeaders(): Record<string, string> {
  const key = getApiKey();
  return key ? { 'X-API-Key': key } : {};
}

async function errorOf(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as Partial<ApiErrorBody>;
    if (typeof body.error === 'string') {
      return new ApiError(response.status, {
        error: body.error,
        detail: typeof body.detail === 'string' ? body.detail : body.error,
        field: typeof body.field === 'string' ? body.field : undefined,
      });
    }
  } catch {
    // not JSON: fall through
  }
  return new ApiError(response.status, {
    error: 'http_error',
    detail: `The server answered ${response.status} ${response.statusText}`.trim(),
  });
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...authHeaders() };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body,
      signal: options.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, {
      error: 'network_error',
      detail: 'Could not reach the Mimicus server. Is it running?',
    });
  }
  if (response.status === 401) {
    setLoginRequired(true);
    throw await errorOf(response);
  }
  if (!response.ok) throw await errorOf(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) =>
    request<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown, query?: Query) =>
    request<T>(path, { method: 'POST', body, query }),
  patch: <T>(path: string, body: unknown) => request<T>(path, { method: 'PATCH', body }),
  delete: (path: string) => request<void>(path, { method: 'DELETE' }),
};
