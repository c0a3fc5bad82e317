import { describe, expect, it } from 'vitest';

import type { RequestLog } from '../../types/api';
import { shellQuote, toCurl } from './curl';

const base = {
  request_method: 'GET',
  request_path: '/api/users',
  request_query: {},
  request_headers: {},
  request_body: '',
} as unknown as RequestLog;

describe('copy as curl', () => {
  it('a plain GET is just the URL', () => {
    expect(toCurl(base, 'http://127.0.0.1:18000')).toBe("curl 'http://127.0.0.1:18000/api/users'");
  });

  it('keeps method, repeated query values, headers and the body; leaves out what curl sets', () => {
    const log = {
      ...base,
      request_method: 'POST',
      request_query: { tag: ['a', 'b'], q: 'x y' },
      request_headers: { 'content-type': 'application/json', host: 'example', 'content-length': '9', 'x-env': 'dev' },
      request_body: '{"name":"it\'s"}',
    } as RequestLog;
    expect(toCurl(log, 'http://h:1/')).toBe(
      "curl -X POST 'http://h:1/api/users?tag=a&tag=b&q=x+y' -H 'content-type: application/json' " +
        "-H 'x-env: dev' --data-raw '{\"name\":\"it'\\''s\"}'",
    );
  });

  it('HEAD uses --head', () => {
    expect(toCurl({ ...base, request_method: 'HEAD' }, 'http://h')).toBe("curl --head 'http://h/api/users'");
  });

  it('quotes for a POSIX shell', () => {
    expect(shellQuote("a'b $HOME")).toBe("'a'\\''b $HOME'");
  });
});
