import { describe, expect, it } from 'vitest';

import type { RequestLog } from '../../../types/api';
import { formToInput } from './convert';
import { requestToForm, requestToSample } from './fromRequest';

const log = {
  log_id: 9,
  request_method: 'post',
  request_path: '/api/orders/7',
  request_query: { page: '2', tag: ['a', 'b'] },
  request_headers: { 'content-type': 'application/json', 'x-env': 'dev' },
  request_body: '{"sku":"A1","qty":2}',
} as unknown as RequestLog;

describe('create mock from a logged request', () => {
  it('matches method, the exact path, the query and a JSON body; answers a placeholder', () => {
    const input = formToInput(requestToForm(log), true);
    expect(input).toMatchObject({
      mock_name: 'POST /api/orders/7',
      match_method: 'POST',
      match_path: '/api/orders/7',
      match_query: { page: '2', tag: 'a' },
      match_body: [{ json_contains: { sku: 'A1', qty: 2 } }],
      match_headers: null,
      response_status: 200,
      response_body: { message: 'TODO: the response to POST /api/orders/7' },
    });
    expect(input.mock_id).toBeUndefined();
  });

  it('adds no body condition for an empty or non-JSON body, nor a query for none', () => {
    for (const body of ['', 'a=1&b=2', '"just a string"']) {
      const input = formToInput(requestToForm({ ...log, request_body: body, request_query: {} }), true);
      expect(input.match_body).toBeNull();
      expect(input.match_query).toBeNull();
    }
  });

  it('becomes the template preview sample as it was sent', () => {
    expect(requestToSample(log)).toEqual({
      method: 'POST',
      path: '/api/orders/7',
      headers: 'content-type: application/json\nx-env: dev',
      query: 'page=2&tag=a',
      body: '{"sku":"A1","qty":2}',
    });
  });
});
