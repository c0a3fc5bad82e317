// Between the API's mock (SPEC §3) and the editor's form model.

import type {
  BodyCondition,
  JsonValue,
  Mock,
  MockInput,
  ValueMatcher,
  Variant,
} from '../../../types/api';
import type {
  BodyConditionRow,
  HeaderRow,
  MatcherRow,
  MockFormValues,
  VariantRow,
} from './schema';

export const emptyVariant = (): VariantRow => ({
  weight: 1,
  status: 200,
  headers: [],
  body: '',
  body_type: 'json',
  is_template: false,
  delay_ms: 0,
});

export const emptyBodyCondition = (): BodyConditionRow => ({
  kind: 'json_contains',
  value: '',
  jsonpath: '$.',
  test: 'exists',
});

/** A new mock's form: the SPEC §3 defaults. */
export function emptyForm(): MockFormValues {
  return {
    mock_id: '',
    mock_name: '',
    mock_priority: 100,
    mock_enabled: true,
    mock_mode: 'mock',
    mock_tags: [],
    match_method: 'GET',
    match_path: '',
    match_headers: [],
    match_query: [],
    match_body: [],
    match_content_type: '',
    response_status: 200,
    response_headers: [],
    response_body: '',
    body_type: 'json',
    is_template: false,
    response_delay_ms: 0,
    response_delay_max_ms: '',
    error_rate: 0,
    error_status_code: 500,
    error_body: '',
    rate_limit_requests: '',
    rate_limit_window_seconds: 60,
    rate_limit_scope: 'client_ip',
    variants: [],
    variant_mode: 'weighted',
    upstream_url: '',
    timeout_seconds: 10,
  };
}

const pretty = (v: JsonValue) => JSON.stringify(v, null, 2);

/** A body as editor text: strings as they are, JSON values pretty-printed. */
function bodyText(body: JsonValue | undefined): { text: string; type: 'json' | 'text' } {
  if (body === undefined || body === null) return { text: '', type: 'json' };
  if (typeof body === 'string') return { text: body, type: 'text' };
  return { text: pretty(body), type: 'json' };
}

function headerRows(map: Record<string, string> | null | undefined): HeaderRow[] {
  return Object.entries(map ?? {}).map(([name, value]) => ({ name, value }));
}

function matcherRows(map: Record<string, ValueMatcher> | null): MatcherRow[] {
  return Object.entries(map ?? {}).map(([name, m]): MatcherRow => {
    if (typeof m === 'string') return { name, kind: 'equals', value: m };
    if ('present' in m) return { name, kind: m.present ? 'present' : 'absent', value: '' };
    if ('contains' in m) return { name, kind: 'contains', value: m.contains };
    if ('regex' in m) return { name, kind: 'regex', value: m.regex };
    return { name, kind: 'equals', value: m.equals };
  });
}

function bodyRows(body: Mock['match_body']): BodyConditionRow[] {
  const list = body === null ? [] : Array.isArray(body) ? body : [body];
  return list.map((c): BodyConditionRow => {
    const row = emptyBodyCondition();
    if ('jsonpath' in c) {
      if (c.regex !== undefined) return { ...row, kind: 'jsonpath', jsonpath: c.jsonpath, test: 'regex', value: c.regex };
      if (c.equals !== undefined)
        return { ...row, kind: 'jsonpath', jsonpath: c.jsonpath, test: 'equals', value: JSON.stringify(c.equals) };
      return { ...row, kind: 'jsonpath', jsonpath: c.jsonpath, test: 'exists' };
    }
    if ('json_equals' in c) return { ...row, kind: 'json_equals', value: pretty(c.json_equals) };
    if ('json_contains' in c) return { ...row, kind: 'json_contains', value: pretty(c.json_contains) };
    if ('contains' in c) return { ...row, kind: 'contains', value: c.contains };
    if ('regex' in c) return { ...row, kind: 'regex', value: c.regex };
    return { ...row, kind: 'equals', value: c.equals };
  });
}

function variantRows(variants: Variant[]): VariantRow[] {
  return variants.map((v) => {
    const body = bodyText(v.response.body);
    return {
      weight: v.weight,
      status: v.response.status ?? 200,
      headers: headerRows(v.response.headers),
      body: body.text,
      body_type: body.type,
      is_template: v.response.is_template ?? false,
      delay_ms: v.response.delay_ms ?? 0,
    };
  });
}

export function mockToForm(mock: Mock): MockFormValues {
  const body = bodyText(mock.response_body);
  return {
    mock_id: mock.mock_id,
    mock_name: mock.mock_name,
    mock_priority: mock.mock_priority,
    mock_enabled: mock.mock_enabled,
    mock_mode: mock.mock_mode,
    mock_tags: mock.mock_tags,
    match_method: mock.match_method,
    match_path: mock.match_path,
    match_headers: matcherRows(mock.match_headers),
    match_query: matcherRows(mock.match_query),
    match_body: bodyRows(mock.match_body),
    match_content_type: mock.match_content_type ?? '',
    response_status: mock.response_status,
    response_headers: headerRows(mock.response_headers),
    response_body: body.text,
    body_type: mock.is_template ? 'text' : body.type,
    is_template: mock.is_template,
    response_delay_ms: mock.response_delay_ms,
    response_delay_max_ms: mock.response_delay_max_ms ?? '',
    error_rate: mock.error_rate,
    error_status_code: mock.error_status_code,
    error_body: mock.error_body,
    rate_limit_requests: mock.rate_limit_requests ?? '',
    rate_limit_window_seconds: mock.rate_limit_window_seconds,
    rate_limit_scope: mock.rate_limit_scope,
    variants: variantRows(mock.variants),
    variant_mode: mock.variant_mode,
    upstream_url: mock.upstream_url ?? '',
    timeout_seconds: mock.timeout_seconds,
  };
}

/** Body text to the wire: parsed JSON in JSON mode (not for templates), else the text. */
function wireBody(text: string, type: 'json' | 'text', isTemplate: boolean): JsonValue {
  if (type === 'json' && !isTemplate && text.trim()) return JSON.parse(text) as JsonValue;
  return text;
}

function headerMap(rows: HeaderRow[]): Record<string, string> {
  return Object.fromEntries(rows.map((r) => [r.name.trim(), r.value]));
}

function matcherMap(rows: MatcherRow[]): Record<string, ValueMatcher> | null {
  if (rows.length === 0) return null;
  return Object.fromEntries(
    rows.map((r): [string, ValueMatcher] => {
      switch (r.kind) {
        case 'present':
          return [r.name.trim(), { present: true }];
        case 'absent':
          return [r.name.trim(), { present: false }];
        case 'contains':
          return [r.name.trim(), { contains: r.value }];
        case 'regex':
          return [r.name.trim(), { regex: r.value }];
        default:
          return [r.name.trim(), r.value];
      }
    }),
  );
}

/** A JSONPath "equals" value: JSON when it parses, else the text as a string. */
function looseJson(text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
}

function bodyConditions(rows: BodyConditionRow[]): BodyCondition[] | null {
  if (rows.length === 0) return null;
  return rows.map((r): BodyCondition => {
    switch (r.kind) {
      case 'json_equals':
        return { json_equals: JSON.parse(r.value) as JsonValue };
      case 'json_contains':
        return { json_contains: JSON.parse(r.value) as JsonValue };
      case 'jsonpath':
        if (r.test === 'equals') return { jsonpath: r.jsonpath.trim(), equals: looseJson(r.value) };
        if (r.test === 'regex') return { jsonpath: r.jsonpath.trim(), regex: r.value };
        return { jsonpath: r.jsonpath.trim() };
      case 'contains':
        return { contains: r.value };
      case 'regex':
        return { regex: r.value };
      default:
        return { equals: r.value };
    }
  });
}

const orNull = (n: number | '') => (n === '' ? null : n);

/** The full definition to send (create, or PUT-style update of every field). */
export function formToInput(v: MockFormValues, creating: boolean): MockInput {
  const input: MockInput = {
    mock_name: v.mock_name.trim(),
    mock_priority: v.mock_priority === '' ? 100 : v.mock_priority,
    mock_enabled: v.mock_enabled,
    mock_mode: v.mock_mode as Mock['mock_mode'],
    mock_tags: v.mock_tags,
    match_method: v.match_method.trim().toUpperCase(),
    match_path: v.match_path.trim(),
    match_headers: matcherMap(v.match_headers),
    match_query: matcherMap(v.match_query),
    match_body: bodyConditions(v.match_body),
    match_content_type: v.match_content_type.trim() || null,
    response_status: v.response_status === '' ? 200 : v.response_status,
    response_headers: headerMap(v.response_headers),
    response_body: wireBody(v.response_body, v.body_type, v.is_template),
    is_template: v.is_template,
    response_delay_ms: v.response_delay_ms === '' ? 0 : v.response_delay_ms,
    response_delay_max_ms: orNull(v.response_delay_max_ms),
    error_rate: v.error_rate === '' ? 0 : v.error_rate,
    error_status_code: v.error_status_code === '' ? 500 : v.error_status_code,
    error_body: v.error_body,
    rate_limit_requests: orNull(v.rate_limit_requests),
    rate_limit_window_seconds: v.rate_limit_window_seconds === '' ? 60 : v.rate_limit_window_seconds,
    rate_limit_scope: v.rate_limit_scope,
    variants: v.variants.map((r) => ({
      weight: r.weight === '' ? 0 : r.weight,
      response: {
        status: r.status === '' ? 200 : r.status,
        headers: headerMap(r.headers),
        body: wireBody(r.body, r.body_type, r.is_template),
        is_template: r.is_template,
        delay_ms: r.delay_ms === '' ? 0 : r.delay_ms,
      },
    })),
    variant_mode: v.variant_mode,
    upstream_url: v.upstream_url.trim() || null,
    timeout_seconds: v.timeout_seconds === '' ? 10 : v.timeout_seconds,
  };
  if (creating && v.mock_id.trim()) input.mock_id = v.mock_id.trim();
  return input;
}
