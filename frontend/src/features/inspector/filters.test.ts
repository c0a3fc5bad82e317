import { describe, expect, it } from 'vitest';

import type { RequestLog } from '../../types/api';
import { filtersFromParams, hasFilters, matchesFilters, paramsFromFilters } from './filters';

describe('inspector filters ⇄ URL', () => {
  it('round-trips every filter under the API names', () => {
    const query = 'method=POST&path=%2Fapi%2Fusers&status=404&outcome=unmatched&mock_id=get-user&session_id=s1';
    const filters = filtersFromParams(new URLSearchParams(query));
    expect(filters).toEqual({
      method: 'POST',
      path: '/api/users',
      status: 404,
      outcome: 'unmatched',
      mock_id: 'get-user',
      session_id: 's1',
    });
    expect(paramsFromFilters(filters).toString()).toBe(query);
    expect(hasFilters(filters)).toBe(true);
  });

  it('drops empty and invalid values instead of sending them to the API', () => {
    const filters = filtersFromParams(new URLSearchParams('method=get&status=42&outcome=great&path=&mock_id=%20'));
    expect(filters).toEqual({ method: 'GET' });
    expect(paramsFromFilters({}).toString()).toBe('');
    expect(hasFilters({})).toBe(false);
  });
});

describe('matchesFilters (entries arriving live)', () => {
  const log = {
    request_method: 'GET',
    request_path: '/api/Users/7',
    response_status: 404,
    outcome: 'unmatched',
    matched_mock_id: null,
    session_id: 's1',
  } as RequestLog;

  it('applies the server semantics: path is a substring ignoring case', () => {
    expect(matchesFilters(log, {})).toBe(true);
    expect(matchesFilters(log, { path: 'users/' })).toBe(true);
    expect(matchesFilters(log, { method: 'GET', status: 404, outcome: 'unmatched', session_id: 's1' })).toBe(true);
  });

  it('rejects an entry any set filter excludes', () => {
    expect(matchesFilters(log, { path: '/orders' })).toBe(false);
    expect(matchesFilters(log, { method: 'POST' })).toBe(false);
    expect(matchesFilters(log, { status: 200 })).toBe(false);
    expect(matchesFilters(log, { outcome: 'matched' })).toBe(false);
    expect(matchesFilters(log, { mock_id: 'get-user' })).toBe(false);
    expect(matchesFilters(log, { session_id: 's2' })).toBe(false);
  });
});
