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

/** SPEC §5: `GET /api/admin/state`. */
export interface StateSession {
  session_id: string;
  keys: number;
  updated_at: string;
}

/** SPEC §5: one key of a session (`GET /api/admin/state/{session_id}`). */
export interface StateEntry {
  state_key: string;
  state_value: JsonValue;
  session_id: string;
  mock_id: string | null;
  client_ip: string | null;
  updated_at: string;
}

/** SPEC §11: a key as listed (the key itself is never listed). */
export interface ApiKeySummary {
  id: string;
  name: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
}

/** SPEC §11: `POST /api/admin/api-keys` — the only answer that holds `key`. */
export interface CreatedApiKey {
  id: string;
  name: string;
  key: string;
  prefix: string;
  created_at: string;
}

/** `GET /api/admin/server-info` (docs/admin-api.md). */
export interface ServerInfo {
  version: string;
  database: { kind: 'sqlite' | 'postgres'; location: string };
  listen_address: string;
  started_at: string;
  uptime_seconds: number;
  mocks: number;
  inspector: { enabled: boolean; queue_depth: number; written: number; dropped: number };
  api_key_required: boolean;
}

/** SPEC §8: `GET /api/admin/recording` (all null before the first recording). */
export interface RecordingStatus {
  active: boolean;
  recording_id: number | null;
  upstream_url: string | null;
  path_prefix: string | null;
  timeout_seconds: number | null;
  started_at: string | null;
  stopped_at: string | null;
  captured: number;
}

/** Header and query values: a repeated name gives an array. */
export type Grouped = Record<string, string | string[]>;

/** SPEC §8: one captured exchange. */
export interface Capture {
  capture_id: number;
  mock_id: string | null;
  method: string;
  path: string;
  query: Grouped;
  request_headers: Grouped;
  request_body: string;
  request_body_encoding: 'utf-8' | 'base64';
  status: number;
  response_headers: Grouped;
  response_body: string;
  response_body_encoding: 'utf-8' | 'base64';
  response_body_truncated: boolean;
  duration_ms: number;
  created_at: string;
}

/** SPEC §8: `POST /api/admin/recording/stop`. */
export interface RecordingStopResult {
  captured: Capture[];
  count: number;
  created_mocks: string[];
  skipped: { capture_id: number; reason: string }[];
  errors: { mock_id: string; error: string }[];
}

/** SPEC §10 outcomes of a mock-surface request. */
export type Outcome =
  | 'matched'
  | 'unmatched'
  | 'proxied'
  | 'fallback'
  | 'error_simulated'
  | 'rate_limited'
  | 'template_error';

/** Names to values; a repeated name carries every value (SPEC §10). */
export type GroupedPairs = Grouped;

/** One criterion of a near-missed mock against the request (SPEC §4). */
export interface CriterionCheck {
  /** The mock field: `match_method`, `match_headers.X-Env`, `match_body[1]`. */
  field: string;
  expected: string;
  actual: string;
  passed: boolean;
}

export interface NearMiss {
  mock_id: string;
  mock_name: string;
  /** The first failing criterion, as a sentence. */
  reason: string;
  checks?: CriterionCheck[];
}

/** A logged mock-surface exchange (SPEC §10). */
export interface RequestLog {
  log_id: number;
  request_method: string;
  request_path: string;
  request_query: GroupedPairs;
  request_headers: GroupedPairs;
  request_body: string;
  request_body_truncated: boolean;
  matched_mock_id: string | null;
  variant: number | null;
  template_context: JsonValue | null;
  near_misses: NearMiss[] | null;
  response_status: number;
  response_headers: GroupedPairs;
  response_body: string;
  response_body_truncated: boolean;
  duration_ms: number;
  outcome: Outcome;
  client_ip: string;
  session_id: string | null;
  created_at: string;
}

export interface RequestLogList {
  logs: RequestLog[];
  count: number;
}

/** Filters of `GET /api/admin/inspector/requests` (and of the Inspector's URL). */
export interface RequestLogFilters {
  method?: string;
  path?: string;
  status?: number;
  outcome?: Outcome;
  mock_id?: string;
  session_id?: string;
}

/** One stretch of `GET /api/admin/traffic`. */
export interface TrafficBucket {
  /** RFC 3339 start of the stretch. */
  t: string;
  requests: number;
  matched: number;
  unmatched: number;
  p50_ms: number | null;
  p99_ms: number | null;
}

export interface TrafficReport {
  now: string;
  window_seconds: number;
  step_seconds: number;
  /** Over the last 10 seconds. */
  requests_per_second: number;
  summary: Omit<TrafficBucket, 't'>;
  buckets: TrafficBucket[];
  mock_step_seconds: number;
  /** Mocks hit within the window, hits per `mock_step_seconds`, oldest first. */
  mocks: { mock_id: string; hits: number[] }[];
}
