import { describe, expect, it } from 'vitest';

import { emptyForm, emptyVariant } from './convert';
import { mockFormSchema, type MockFormValues } from './schema';

function errors(values: Partial<MockFormValues>): Record<string, string> {
  const result = mockFormSchema.safeParse({ ...emptyForm(), mock_name: 'n', match_path: '/a', ...values });
  if (result.success) return {};
  // The first message per field, as the form shows it.
  const out: Record<string, string> = {};
  for (const issue of result.error.issues) out[issue.path.join('.')] ??= issue.message;
  return out;
}

describe('mock form validation (messages as the server words them)', () => {
  it('accepts the defaults with a name and a path', () => {
    expect(errors({})).toEqual({});
  });

  it('requires a name and a path', () => {
    expect(errors({ mock_name: '  ', match_path: '' })).toEqual({
      mock_name: 'mock_name: must not be empty',
      match_path: 'match_path: is required',
    });
  });

  it('refuses statuses outside 100–599 and error rates outside 0–100', () => {
    expect(errors({ response_status: 42, error_rate: 150 })).toEqual({
      response_status: 'response_status: must be an HTTP status between 100 and 599, got 42',
      error_rate: 'error_rate: must be a percentage between 0 and 100, got 150',
    });
  });

  it('checks the mock id characters', () => {
    expect(errors({ mock_id: 'has space' }).mock_id).toBe(
      "mock_id: must be 1 to 128 characters from A-Z, a-z, 0-9, '.', '_' and '-'",
    );
    expect(errors({ mock_id: 'ok.id_1-2' })).toEqual({});
  });

  it('needs an upstream for the proxy modes', () => {
    expect(errors({ mock_mode: 'proxy' }).upstream_url).toBe(
      'upstream_url: is required when mock_mode is "proxy"',
    );
    expect(errors({ mock_mode: 'proxy', upstream_url: 'ftp://x' }).upstream_url).toBe(
      'upstream_url: must be an absolute http:// or https:// URL, got "ftp://x"',
    );
  });

  it('keeps the delay range in order', () => {
    expect(errors({ response_delay_ms: 500, response_delay_max_ms: 100 }).response_delay_max_ms).toBe(
      'response_delay_max_ms: must be greater than or equal to response_delay_ms',
    );
  });

  it('refuses a JSON body that does not parse, unless it is a template or text', () => {
    expect(errors({ response_body: '{"a":' }).response_body).toMatch(/^response_body: not valid JSON/);
    expect(errors({ response_body: '{"a":', is_template: true })).toEqual({});
    expect(errors({ response_body: '{"a":', body_type: 'text' })).toEqual({});
  });

  it('names nested variant fields as the server does', () => {
    const bad = { ...emptyVariant(), weight: -1 as number, status: 42 as number };
    expect(errors({ variants: [emptyVariant(), bad] })).toEqual({
      'variants.1.weight': 'variants[1].weight: must be between 0 and 1000000, got -1',
      'variants.1.status': 'variants[1].response.status: must be an HTTP status between 100 and 599, got 42',
    });
  });

  it('needs one weight above 0 in weighted mode', () => {
    const zero = { ...emptyVariant(), weight: 0 as number };
    expect(errors({ variants: [zero, zero] }).variants).toBe(
      'variants: at least one variant needs a weight above 0',
    );
    expect(errors({ variants: [zero, zero], variant_mode: 'sequence' })).toEqual({});
  });

  it('requires header names once and JSON where the condition compares JSON', () => {
    expect(
      errors({
        match_headers: [
          { name: 'X-Env', kind: 'equals', value: 'a' },
          { name: 'x-env', kind: 'present', value: '' },
        ],
        match_body: [{ kind: 'json_contains', value: 'nope', jsonpath: '', test: 'exists' }],
      }),
    ).toEqual({
      'match_headers.1.name': 'match_headers.x-env: appears twice',
      'match_body.0.value': expect.stringMatching(/^match_body\[0\]\.json_contains: not valid JSON/),
    });
  });
});
