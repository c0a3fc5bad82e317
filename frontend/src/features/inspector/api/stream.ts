// The inspector's live stream (SPEC §10 `GET /api/admin/inspector/stream`),
// read with fetch streaming rather than EventSource: EventSource cannot send
// headers, and the API key must travel in X-API-Key, never in a URL.

import { authHeaders, buildUrl, setLoginRequired } from '../../../api';
import type { RequestLog } from '../../../types/api';

export interface StreamEvent {
  event: string;
  data: string;
}

/**
 * A text/event-stream parser fed with decoded text in chunks of any size:
 * a line, a field or a multi-byte character may be split across chunks.
 */
export class EventStreamParser {
  private buffer = '';
  private event = '';
  private data: string[] = [];

  constructor(private readonly onEvent: (event: StreamEvent) => void) {}

  push(chunk: string): void {
    this.buffer += chunk;
    for (;;) {
      const end = this.buffer.search(/[\r\n]/);
      if (end < 0) return;
      // A CR at the very end may be the first half of a CRLF: wait for more.
      if (this.buffer[end] === '\r' && end === this.buffer.length - 1) return;
      const width = this.buffer.startsWith('\r\n', end) ? 2 : 1;
      const line = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + width);
      this.line(line);
    }
  }

  private line(line: string): void {
    if (line === '') {
      if (this.data.length > 0) this.onEvent({ event: this.event || 'message', data: this.data.join('\n') });
      this.event = '';
      this.data = [];
      return;
    }
    if (line.startsWith(':')) return; // a comment: keep-alive or "skipped n entries"
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
  }
}

export type StreamStatus = 'connecting' | 'live' | 'reconnecting' | 'unauthorized';

export interface FollowOptions {
  onEntry: (entry: RequestLog) => void;
  onStatus: (status: StreamStatus) => void;
  /** Called when a connection opens again after a break: entries may have been missed. */
  onReconnect: () => void;
  signal: AbortSignal;
  /** Delay before reconnect attempt `n` (1-based), in ms. */
  backoff?: (attempt: number) => number;
}

export const STREAM_PATH = '/inspector/stream';

/** 0.5 s, 1 s, 2 s … up to 10 s between attempts. */
export const defaultBackoff = (attempt: number) => Math.min(500 * 2 ** (attempt - 1), 10_000);

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((done) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        done();
      },
      { once: true },
    );
  });
}

/**
 * Follows the stream until `signal` aborts, reconnecting with backoff when
 * the connection fails or ends. A 401 stops it and asks for the login screen.
 */
export async function followStream(options: FollowOptions): Promise<void> {
  const { onEntry, onStatus, onReconnect, signal } = options;
  const backoff = options.backoff ?? defaultBackoff;
  let failures = 0;
  let everOpened = false;
  while (!signal.aborted) {
    onStatus(failures === 0 ? 'connecting' : 'reconnecting');
    try {
      const response = await fetch(buildUrl(STREAM_PATH), {
        headers: { Accept: 'text/event-stream', ...authHeaders() },
        cache: 'no-store',
        signal,
      });
      if (response.status === 401) {
        setLoginRequired(true);
        onStatus('unauthorized');
        return;
      }
      if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
      if (everOpened) onReconnect();
      everOpened = true;
      failures = 0;
      onStatus('live');
      const parser = new EventStreamParser(({ event, data }) => {
        if (event !== 'request') return;
        try {
          onEntry(JSON.parse(data) as RequestLog);
        } catch {
          // a broken event is skipped; the next list refresh has the entry
        }
      });
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parser.push(decoder.decode(value, { stream: true }));
      }
    } catch {
      if (signal.aborted) return;
    }
    if (signal.aborted) return;
    failures += 1;
    onStatus('reconnecting');
    await sleep(backoff(failures), signal);
  }
}
