import { afterEach, describe, expect, it, vi } from 'vitest';

import { isLoginRequired, setApiKey, setLoginRequired } from '../../../api';
import type { RequestLog } from '../../../types/api';
import { EventStreamParser, followStream, type StreamEvent, type StreamStatus } from './stream';

afterEach(() => {
  vi.unstubAllGlobals();
  setLoginRequired(false);
});

function parse(chunks: string[]): StreamEvent[] {
  const events: StreamEvent[] = [];
  const parser = new EventStreamParser((e) => events.push(e));
  chunks.forEach((c) => parser.push(c));
  return events;
}

describe('EventStreamParser', () => {
  it('reads events split anywhere across chunks', () => {
    const text = 'event: request\ndata: {"log_id":1}\n\nevent: request\ndata: {"log_id":2}\n\n';
    const whole = parse([text]);
    expect(whole).toEqual([
      { event: 'request', data: '{"log_id":1}' },
      { event: 'request', data: '{"log_id":2}' },
    ]);
    for (let cut = 1; cut < text.length; cut++) {
      expect(parse([text.slice(0, cut), text.slice(cut)])).toEqual(whole);
    }
    expect(parse([...text])).toEqual(whole);
  });

  it('accepts CRLF and CR line ends, even with the CRLF split between chunks', () => {
    expect(parse(['event: request\r', '\ndata: a\r\n\r', '\n'])).toEqual([{ event: 'request', data: 'a' }]);
    expect(parse(['data: b\r\rdata: c'])).toEqual([{ event: 'message', data: 'b' }]);
  });

  it('skips comments, joins multi-line data and waits for the blank line', () => {
    const events = parse([': keep-alive\n\n', ': skipped 3 entries (client too slow)\n\n', 'data: one\ndata:two\n']);
    expect(events).toEqual([]);
    const parser = new EventStreamParser((e) => events.push(e));
    parser.push('data: one\ndata:two\n');
    parser.push('\n');
    expect(events).toEqual([{ event: 'message', data: 'one\ntwo' }]);
  });
});

/** A streaming Response whose body yields `chunks` (as bytes), then ends. */
function streaming(chunks: string[], status = 200): Response {
  const bytes = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(bytes.encode(c));
      controller.close();
    },
  });
  return new Response(body, { status, headers: { 'Content-Type': 'text/event-stream' } });
}

const entry = (id: number) => ({ log_id: id, request_path: `/p${id}` }) as RequestLog;
const event = (id: number) => `event: request\ndata: ${JSON.stringify(entry(id))}\n\n`;

describe('followStream', () => {
  it('sends the key as X-API-Key (never in the URL) and delivers each entry', async () => {
    setApiKey('secret');
    const stop = new AbortController();
    const entries: number[] = [];
    const fetch = vi.fn().mockImplementation(() => {
      // Split one event across two byte chunks, and a multi-byte character too.
      const second = event(2).replace('/p2', '/p2-é');
      const at = second.indexOf('é') + 1;
      return Promise.resolve(streaming([event(1).slice(0, 10), event(1).slice(10) + second.slice(0, at), second.slice(at)]));
    });
    vi.stubGlobal('fetch', fetch);
    const statuses: StreamStatus[] = [];
    await followStream({
      signal: stop.signal,
      onEntry: (e) => {
        entries.push(e.log_id);
        if (e.log_id === 2) {
          expect(e.request_path).toBe('/p2-é');
          stop.abort();
        }
      },
      onStatus: (s) => statuses.push(s),
      onReconnect: () => {},
      backoff: () => 0,
    });
    expect(entries).toEqual([1, 2]);
    const [url, init] = fetch.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/admin/inspector/stream');
    expect(url).not.toContain('secret');
    expect((init.headers as Record<string, string>)['X-API-Key']).toBe('secret');
    expect(statuses[0]).toBe('connecting');
    expect(statuses).toContain('live');
  });

  it('reconnects after the stream ends or fails, and says entries may have been missed', async () => {
    const stop = new AbortController();
    const entries: number[] = [];
    let reconnects = 0;
    const answers = [
      () => Promise.resolve(streaming([event(1)])),
      () => Promise.reject(new TypeError('Failed to fetch')),
      () => Promise.resolve(streaming(['not json\n\n', event(2)])),
    ];
    const fetch = vi.fn().mockImplementation(() => (answers.shift() ?? (() => new Promise(() => {})))());
    vi.stubGlobal('fetch', fetch);
    const delays: number[] = [];
    const statuses: StreamStatus[] = [];
    await followStream({
      signal: stop.signal,
      onEntry: (e) => {
        entries.push(e.log_id);
        if (e.log_id === 2) stop.abort();
      },
      onStatus: (s) => statuses.push(s),
      onReconnect: () => (reconnects += 1),
      backoff: (attempt) => {
        delays.push(attempt);
        return 0;
      },
    });
    expect(entries).toEqual([1, 2]);
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(delays, 'the failed attempt backs off longer').toEqual([1, 2]);
    expect(reconnects).toBe(1);
    expect(statuses).toContain('reconnecting');
  });

  it('stops and asks for the login screen on 401', async () => {
    const fetch = vi.fn().mockResolvedValue(new Response('{"error":"unauthorized","detail":"key"}', { status: 401 }));
    vi.stubGlobal('fetch', fetch);
    const statuses: StreamStatus[] = [];
    await followStream({
      signal: new AbortController().signal,
      onEntry: () => {},
      onStatus: (s) => statuses.push(s),
      onReconnect: () => {},
      backoff: () => 0,
    });
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(statuses.at(-1)).toBe('unauthorized');
    expect(isLoginRequired()).toBe(true);
  });
});
