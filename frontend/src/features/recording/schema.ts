// The start form; messages are worded as the server's (SPEC §2, docs/proxy.md).

import { z } from 'zod';

/** Why `raw` is not an upstream URL the server takes, or null. */
export function upstreamProblem(raw: string): string | null {
  const refuse = (why: string) =>
    `upstream_url: must be an absolute http:// or https:// URL${why}, got "${raw}"`;
  if (!raw.trim()) return 'upstream_url: is required';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse('');
  }
  if (!['http:', 'https:'].includes(url.protocol) || /\s/.test(raw)) return refuse('');
  if (!url.hostname) return refuse(' with a host');
  if (url.username || url.password) {
    return refuse(' without user:password (send credentials as headers; they are redacted)');
  }
  if (url.search || url.hash || raw.includes('?') || raw.includes('#')) {
    return refuse(' without a query or fragment');
  }
  return null;
}

/** Why `raw` is not a path prefix the server takes, or null (empty = everything). */
export function prefixProblem(raw: string): string | null {
  if (raw === '') return null;
  if (!raw.startsWith('/')) return `path_prefix: must start with '/', got "${raw}"`;
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f?#]/.test(raw)) {
    return "path_prefix: must be a plain path, without spaces, '?' or '#'";
  }
  return null;
}

export const startSchema = z.object({
  upstream_url: z.string().superRefine((v, ctx) => {
    const problem = upstreamProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
  path_prefix: z.string().superRefine((v, ctx) => {
    const problem = prefixProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
});

export type StartForm = z.infer<typeof startSchema>;
