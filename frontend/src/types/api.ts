// Wire types of the admin API (SPEC §2, §3, §6, §12). Field names are the
// API's own and must not be renamed.

export type MockMode = 'mock' | 'proxy' | 'proxy-with-fallback' | 'passthrough';
export type VariantMode = 'weighted' | 'sequence' | 'cycle';
export type RateLimitScope = 'client_ip' | 'session' | 'global';

/** `"exact"` or one of `{equals}`, `{contains}`, `{regex}`, `{present}`. */
export type ValueMatcher =
  | string
  | { equals: string }
  | { contains: string }
  | { regex: string }
  | { present: boolean };

export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };

export type BodyCondition =
  | { equals: string }
  | { contains: string }
  | { regex: string }
  | { json_equals: JsonValue }
  | { json_contains: JsonValue }
  | { jsonpath: string; equals?: JsonValue; regex?: string };

export interface VariantResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: JsonValue;
  is_template?: boolean;
  delay_ms?: number;
}

export interface Variant {
  weight: number;
  response: VariantResponse;
}

/** A stored mock, as the API returns it (every field present). */
export interface Mock {
  mock_id: string;
  mock_name: string;
  mock_priority: number;
  mock_enabled: boolean;
  mock_mode: MockMode;
  mock_tags: string[];
  match_method: string;
  match_path: string;
  match_headers: Record<string, ValueMatcher> | null;
  match_query: Record<string, ValueMatcher> | null;
  match_body: BodyCondition | BodyCondition[] | null;
  match_content_type: string | null;
  response_status: number;
  response_headers: Record<string, string>;
  response_body: JsonValue;
  is_template: boolean;
  response_delay_ms: number;
  response_delay_max_ms: number | null;
  error_rate: number;
  error_status_code: number;
  error_body: string;
  rate_limit_requests: number | null;
  rate_limit_window_seconds: number;
  rate_limit_scope: RateLimitScope;
  variants: Variant[];
  variant_mode: VariantMode;
  upstream_url: string | null;
  timeout_seconds: number;
  created_at: string;
  updated_at: string;
}

/** What create/update accept: every field optional except on create. */
export type MockInput = Partial<Omit<Mock, 'created_at' | 'updated_at'>>;

export interface MockList {
  mocks: Mock[];
  count: number;
}

export interface MockFilters {
  search?: string;
  enabled?: boolean;
  mode?: MockMode;
  tag?: string;
  limit?: number;
  offset?: number;
}

export interface MockStats {
  mock_id: string;
  hits: number;
  last_hit_at: string | null;
}

export interface BulkImportResult {
  created: number;
  errors: number;
  mocks: Mock[];
  error_details: { index: number; error: string }[];
}

export interface TemplatePreviewRequest {
  template: string;
  request: {
    method: string;
    path: string;
    headers: Record<string, string>;
    query: Record<string, string>;
    body: string;
    path_params: Record<string, string>;
  };
  session_id?: string;
}

export type TemplatePreviewResult =
  | { rendered: string }
  | { error: { message: string; line: number | null } };

/** SPEC §13: the tools `POST /api/admin/import` reads. */
export type ImportFormat = 'openapi' | 'wiremock' | 'mockoon' | 'har' | 'mimicus';

/** Query parameters of `POST /api/admin/import`; `format` left out = recognised. */
export interface ImportOptions {
  format?: ImportFormat;
  dry_run?: boolean;
  upsert?: boolean;
  /** OpenAPI only: schema-generated bodies become templates. */
  dynamic?: boolean;
}

/** `item` is a mock id, or where in the file the problem is (`/log/entries/7`). */
export interface ImportWarning {
  item: string;
  message: string;
}

/** What an import did, or with `dry_run` would do (SPEC §13). */
export interface ImportResult {
  format: ImportFormat;
  dry_run: boolean;
  created: string[];
  updated: string[];
  skipped: string[];
  warnings: ImportWarning[];
  /** The created and updated mocks, in document order. */
  mocks: Mock[];
}

/** SPEC §2 error body. */
export interface ApiErrorBody {
  error: string;
  detail: string;
  field?: string;
}
