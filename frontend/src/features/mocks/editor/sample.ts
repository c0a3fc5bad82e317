// The editable sample request of the template preview, and what the preview
// endpoint (SPEC §6) expects from it.

import type { TemplatePreviewRequest } from '../../../types/api';

export interface SampleRequest {
  method: string;
  path: string;
  /** One "Name: value" per line. */
  headers: string;
  /** "a=1&b=2". */
  query: string;
  body: string;
}

export function parseHeaderLines(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const at = line.indexOf(':');
    if (at <= 0) continue;
    headers[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return headers;
}

export function parseQuery(text: string): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(text.replace(/^\?/, ''))) {
    if (!(name in query)) query[name] = value;
  }
  return query;
}

/**
 * Path parameters of `pattern` (`/users/{id}`, `/files/{*rest}`) in `path`;
 * empty when the path does not fit (regex patterns are not evaluated here).
 */
export function pathParams(pattern: string, path: string): Record<string, string> {
  if (pattern.startsWith('^')) return {};
  const want = pattern.split('/');
  const got = path.split('?')[0]?.split('/') ?? [];
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const segment = want[i] ?? '';
    const rest = /^\{\*(\w+)\}$/.exec(segment);
    if (rest?.[1]) {
      params[rest[1]] = got.slice(i).join('/');
      return params;
    }
    const one = /^\{(\w+)\}$/.exec(segment);
    if (one?.[1]) params[one[1]] = decodeURIComponent(got[i] ?? '');
    else if (segment !== got[i]) return {};
  }
  return want.length === got.length ? params : {};
}

export function previewBody(template: string, sample: SampleRequest, pattern: string): TemplatePreviewRequest {
  return {
    template,
    request: {
      method: sample.method,
      path: sample.path,
      headers: parseHeaderLines(sample.headers),
      query: parseQuery(sample.query),
      body: sample.body,
      path_params: pathParams(pattern, sample.path),
    },
  };
}
