// "Copy as curl": a logged request as a command that sends it again.

import type { GroupedPairs, RequestLog } from '../../types/api';

/** Headers curl (or the connection) sets itself. */
const SKIPPED_HEADERS = new Set(['host', 'content-length', 'connection', 'accept-encoding']);

/** Single-quoted for POSIX shells: `it's` → `'it'\''s'`. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export function pairs(grouped: GroupedPairs | null | undefined): [string, string][] {
  return Object.entries(grouped ?? {}).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : [value]).map((v): [string, string] => [name, v]),
  );
}

export function queryString(grouped: GroupedPairs | null | undefined): string {
  const params = new URLSearchParams();
  for (const [name, value] of pairs(grouped)) params.append(name, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The request as a curl command against `origin` (the server the UI is served by). */
export function toCurl(log: RequestLog, origin: string): string {
  const url = origin.replace(/\/$/, '') + log.request_path + queryString(log.request_query);
  const parts = ['curl'];
  const method = log.request_method.toUpperCase();
  if (method === 'HEAD') parts.push('--head');
  else if (method !== 'GET' || log.request_body) parts.push('-X', method);
  parts.push(shellQuote(url));
  for (const [name, value] of pairs(log.request_headers)) {
    if (!SKIPPED_HEADERS.has(name.toLowerCase())) parts.push('-H', shellQuote(`${name}: ${value}`));
  }
  if (log.request_body) parts.push('--data-raw', shellQuote(log.request_body));
  return parts.join(' ');
}
