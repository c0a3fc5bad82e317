// The editor's form model and its zod schema. Messages mirror the server's
// SPEC §2 details ("field: what is wrong") so a person sees the same words
// whether the browser or the server refused the input.

import { z } from 'zod';

import { MODES } from '../components/filters';

export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY'];
export const MATCHER_KINDS = ['equals', 'contains', 'regex', 'present', 'absent'] as const;
export const BODY_KINDS = [
  'equals',
  'contains',
  'regex',
  'json_equals',
  'json_contains',
  'jsonpath',
] as const;
export const JSONPATH_TESTS = ['exists', 'equals', 'regex'] as const;
export const VARIANT_MODES = ['weighted', 'sequence', 'cycle'] as const;
export const RATE_LIMIT_SCOPES = ['client_ip', 'session', 'global'] as const;
export const BODY_TYPES = ['json', 'text'] as const;

const I32_MAX = 2_147_483_647;

/** A number input's value: a number, or '' while empty. */
const numeric = z.union([z.number(), z.literal('')]);

const headerRow = z.object({ name: z.string(), value: z.string() });

const matcherRow = z.object({
  name: z.string(),
  kind: z.enum(MATCHER_KINDS),
  value: z.string(),
});

const bodyConditionRow = z.object({
  kind: z.enum(BODY_KINDS),
  value: z.string(),
  jsonpath: z.string(),
  test: z.enum(JSONPATH_TESTS),
});

const variantRow = z.object({
  weight: numeric,
  status: numeric,
  headers: z.array(headerRow),
  body: z.string(),
  body_type: z.enum(BODY_TYPES),
  is_template: z.boolean(),
  delay_ms: numeric,
});

export type HeaderRow = z.infer<typeof headerRow>;
export type MatcherRow = z.infer<typeof matcherRow>;
export type BodyConditionRow = z.infer<typeof bodyConditionRow>;
export type VariantRow = z.infer<typeof variantRow>;

/** Where the line of a JSON parse error is, if the engine says (1-based). */
export function jsonProblem(text: string): string | null {
  try {
    JSON.parse(text);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

type Issue = { path: (string | number)[]; message: string };

function statusIssue(field: string, value: number | '', path: (string | number)[], required = false): Issue[] {
  if (value === '') return required ? [{ path, message: `${field}: is required` }] : [];
  if (!Number.isInteger(value) || value < 100 || value > 599) {
    return [{ path, message: `${field}: must be an HTTP status between 100 and 599, got ${value}` }];
  }
  return [];
}

function rangeIssue(
  field: string,
  value: number | '',
  min: number,
  max: number,
  path: (string | number)[],
): Issue[] {
  if (value === '') return [];
  if (!Number.isInteger(value)) return [{ path, message: `${field}: must be an integer, got ${value}` }];
  if (value < min || value > max) {
    return [{ path, message: `${field}: must be between ${min} and ${max}, got ${value}` }];
  }
  return [];
}

function rowIssues(field: string, rows: { name: string }[], key: string): Issue[] {
  const issues: Issue[] = [];
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const name = row.name.trim();
    if (!name) issues.push({ path: [key, i, 'name'], message: `${field}: a name is required` });
    else if (seen.has(name.toLowerCase()))
      issues.push({ path: [key, i, 'name'], message: `${field}.${name}: appears twice` });
    seen.add(name.toLowerCase());
  });
  return issues;
}

export const mockFormSchema = z
  .object({
    mock_id: z
      .string()
      .regex(/^([A-Za-z0-9._-]{1,128})?$/, {
        message: "mock_id: must be 1 to 128 characters from A-Z, a-z, 0-9, '.', '_' and '-'",
      }),
    mock_name: z.string().trim().min(1, { message: 'mock_name: must not be empty' }),
    mock_priority: numeric,
    mock_enabled: z.boolean(),
    mock_mode: z.enum(MODES as [string, ...string[]]),
    mock_tags: z.array(z.string()),
    match_method: z.string().trim().min(1, { message: 'match_method: is required' }),
    match_path: z
      .string()
      .trim()
      .min(1, { message: 'match_path: is required' })
      .refine((p) => p.startsWith('/') || p.startsWith('^'), {
        message: 'match_path: must start with "/" (or "^" for a regex)',
      }),
    match_headers: z.array(matcherRow),
    match_query: z.array(matcherRow),
    match_body: z.array(bodyConditionRow),
    match_content_type: z.string(),
    response_status: numeric,
    response_headers: z.array(headerRow),
    response_body: z.string(),
    body_type: z.enum(BODY_TYPES),
    is_template: z.boolean(),
    response_delay_ms: numeric,
    response_delay_max_ms: numeric,
    error_rate: numeric,
    error_status_code: numeric,
    error_body: z.string(),
    rate_limit_requests: numeric,
    rate_limit_window_seconds: numeric,
    rate_limit_scope: z.enum(RATE_LIMIT_SCOPES),
    variants: z.array(variantRow),
    variant_mode: z.enum(VARIANT_MODES),
    upstream_url: z.string(),
    timeout_seconds: numeric,
  })
  .superRefine((v, ctx) => {
    const issues: Issue[] = [
      ...rangeIssue('mock_priority', v.mock_priority, -I32_MAX - 1, I32_MAX, ['mock_priority']),
      ...statusIssue('response_status', v.response_status, ['response_status']),
      ...statusIssue('error_status_code', v.error_status_code, ['error_status_code']),
      ...rangeIssue('response_delay_ms', v.response_delay_ms, 0, I32_MAX, ['response_delay_ms']),
      ...rangeIssue('response_delay_max_ms', v.response_delay_max_ms, 0, I32_MAX, [
        'response_delay_max_ms',
      ]),
      ...rangeIssue('rate_limit_requests', v.rate_limit_requests, 1, I32_MAX, ['rate_limit_requests']),
      ...rangeIssue('rate_limit_window_seconds', v.rate_limit_window_seconds, 1, I32_MAX, [
        'rate_limit_window_seconds',
      ]),
      ...rowIssues('match_headers', v.match_headers, 'match_headers'),
      ...rowIssues('match_query', v.match_query, 'match_query'),
      ...rowIssues('response_headers', v.response_headers, 'response_headers'),
    ];
    if (
      v.response_delay_max_ms !== '' &&
      v.response_delay_ms !== '' &&
      v.response_delay_max_ms < v.response_delay_ms
    ) {
      issues.push({
        path: ['response_delay_max_ms'],
        message: 'response_delay_max_ms: must be greater than or equal to response_delay_ms',
      });
    }
    if (v.error_rate !== '' && (v.error_rate < 0 || v.error_rate > 100)) {
      issues.push({
        path: ['error_rate'],
        message: `error_rate: must be a percentage between 0 and 100, got ${v.error_rate}`,
      });
    }
    if (v.timeout_seconds !== '' && (v.timeout_seconds <= 0 || v.timeout_seconds > 3600)) {
      issues.push({
        path: ['timeout_seconds'],
        message: `timeout_seconds: must be above 0 and at most 3600, got ${v.timeout_seconds}`,
      });
    }
    const url = v.upstream_url.trim();
    if (v.mock_mode !== 'mock' && !url) {
      issues.push({
        path: ['upstream_url'],
        message: `upstream_url: is required when mock_mode is "${v.mock_mode}"`,
      });
    } else if (url && !/^https?:\/\/[^/\s]\S*$/.test(url)) {
      issues.push({
        path: ['upstream_url'],
        message: `upstream_url: must be an absolute http:// or https:// URL, got "${url}"`,
      });
    }
    if (v.body_type === 'json' && !v.is_template && v.response_body.trim()) {
      const problem = jsonProblem(v.response_body);
      if (problem) {
        issues.push({ path: ['response_body'], message: `response_body: not valid JSON (${problem})` });
      }
    }
    v.match_body.forEach((c, i) => {
      const field = `match_body[${i}]`;
      if (c.kind === 'jsonpath') {
        if (!c.jsonpath.trim().startsWith('$')) {
          issues.push({
            path: ['match_body', i, 'jsonpath'],
            message: `${field}.jsonpath: must start with "$"`,
          });
        }
      } else if (c.kind === 'json_equals' || c.kind === 'json_contains') {
        const problem = jsonProblem(c.value);
        if (problem) {
          issues.push({
            path: ['match_body', i, 'value'],
            message: `${field}.${c.kind}: not valid JSON (${problem})`,
          });
        }
      }
    });
    v.variants.forEach((variant, i) => {
      const field = `variants[${i}]`;
      issues.push(
        ...rangeIssue(`${field}.weight`, variant.weight, 0, 1_000_000, ['variants', i, 'weight']),
        ...statusIssue(`${field}.response.status`, variant.status, ['variants', i, 'status']),
        ...rangeIssue(`${field}.response.delay_ms`, variant.delay_ms, 0, I32_MAX, [
          'variants',
          i,
          'delay_ms',
        ]),
        ...rowIssues(`${field}.response.headers`, variant.headers, 'headers').map((issue) => ({
          ...issue,
          path: ['variants', i, ...issue.path],
        })),
      );
      if (variant.body_type === 'json' && !variant.is_template && variant.body.trim()) {
        const problem = jsonProblem(variant.body);
        if (problem) {
          issues.push({
            path: ['variants', i, 'body'],
            message: `${field}.response.body: not valid JSON (${problem})`,
          });
        }
      }
    });
    if (
      v.variant_mode === 'weighted' &&
      v.variants.length > 0 &&
      v.variants.every((variant) => Number(variant.weight || 0) === 0)
    ) {
      issues.push({ path: ['variants'], message: 'variants: at least one variant needs a weight above 0' });
    }
    for (const issue of issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  });

export type MockFormValues = z.infer<typeof mockFormSchema>;
