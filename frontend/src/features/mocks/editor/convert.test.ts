import { describe, expect, it } from 'vitest';

import type { Mock } from '../../../types/api';
import { emptyForm, formToInput, mockToForm } from './convert';
import { formPathFor } from './serverErrors';
import { pathParams } from './sample';

const stored: Mock = {
  mock_id: 'get-user',
  mock_name: 'Get a user',
  mock_priority: 100,
  mock_enabled: true,
  mock_mode: 'mock',
  mock_tags: ['users'],
  match_method: 'GET',
  match_path: '/api/users/{id}',
  match_headers: { 'X-Env': 'prod', 'X-Trace': { present: true }, 'X-Re': { regex: '^a' } },
  match_query: { page: { contains: '1' } },
  match_body: [{ jsonpath: '$.role', equals: 'admin' }, { json_contains: { a: 1 } }],
  match_content_type: 'application/json',
  response_status: 200,
  response_headers: { 'X-Id': '1' },
  response_body: { id: 42 },
  is_template: false,
  response_delay_ms: 10,
  response_delay_max_ms: null,
  error_rate: 0,
  error_status_code: 500,
  error_body: '',
  rate_limit_requests: null,
  rate_limit_window_seconds: 60,
  rate_limit_scope: 'client_ip',
  variants: [{ weight: 3, response: { status: 201, headers: {}, body: 'x', is_template: false, delay_ms: 0 } }],
  variant_mode: 'weighted',
  upstream_url: null,
  timeout_seconds: 10,
  created_at: '2026-11-30T00:00:00Z',
  updated_at: '2026-11-30T00:00:00Z',
};

describe('form ⇄ mock', () => {
  it('a stored mock survives the round trip through the form', () => {
    const { mock_id: _id, created_at: _c, updated_at: _u, ...definition } = stored;
    expect(formToInput(mockToForm(stored), false)).toEqual(definition);
  });

  it('sends the id only when creating, and only when given', () => {
    const form = { ...emptyForm(), mock_name: 'n', match_path: '/a' };
    expect(formToInput(form, true)).not.toHaveProperty('mock_id');
    expect(formToInput({ ...form, mock_id: 'mine' }, true).mock_id).toBe('mine');
    expect(formToInput({ ...form, mock_id: 'mine' }, false)).not.toHaveProperty('mock_id');
  });

  it('sends a JSON body as JSON, and text or templates as strings', () => {
    const form = { ...emptyForm(), mock_name: 'n', match_path: '/a', response_body: '{"a": 1}' };
    expect(formToInput(form, true).response_body).toEqual({ a: 1 });
    expect(formToInput({ ...form, body_type: 'text' }, true).response_body).toBe('{"a": 1}');
    expect(formToInput({ ...form, is_template: true }, true).response_body).toBe('{"a": 1}');
  });
});

describe('server field → form field', () => {
  const form = mockToForm(stored);
  it.each([
    ['match_headers.X-Env', 'match_headers.0.value'],
    ['match_headers.x-re.regex', 'match_headers.2.value'],
    ['match_query.page', 'match_query.0.value'],
    ['match_body[1].json_contains', 'match_body.1.value'],
    ['match_body[0].jsonpath', 'match_body.0.jsonpath'],
    ['variants[0].weight', 'variants.0.weight'],
    ['variants[0].response.status', 'variants.0.status'],
    ['variants[0].response.body', 'variants.0.body'],
    ['response_body', 'response_body'],
    ['mock_name', 'mock_name'],
    ['respone_body', null],
    [undefined, null],
  ])('%s → %s', (field, path) => {
    expect(formPathFor(field, form)).toBe(path);
  });
});

describe('sample path parameters', () => {
  it('reads {name} segments and {*rest}', () => {
    expect(pathParams('/users/{id}/orders/{order}', '/users/7/orders/9')).toEqual({ id: '7', order: '9' });
    expect(pathParams('/files/{*rest}', '/files/a/b.txt')).toEqual({ rest: 'a/b.txt' });
    expect(pathParams('/users/{id}', '/teams/7')).toEqual({});
  });
});
