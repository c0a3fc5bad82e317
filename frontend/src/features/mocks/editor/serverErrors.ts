// Maps the server's SPEC §2 `field` (as the user would write it in JSON) to
// the editor's form field, so the server's `detail` shows where it belongs.

import type { MockFormValues } from './schema';

type RowKey = 'match_headers' | 'match_query' | 'response_headers';

function rowIndex(rows: { name: string }[], name: string): number {
  const lower = name.toLowerCase();
  return rows.findIndex((r) => r.name.trim().toLowerCase() === lower);
}

/**
 * `match_headers.X-Env.regex` → `match_headers.0.value`,
 * `variants[1].weight` → `variants.1.weight`,
 * `variants[0].response.body` → `variants.0.body`,
 * `match_body[2].regex` → `match_body.2.value`. Unknown or top-level-only
 * names that are not form fields give `null` (shown as a form-level error).
 */
export function formPathFor(field: string | undefined, values: MockFormValues): string | null {
  if (!field) return null;
  const [head = '', ...rest] = field.split('.');
  if (head === 'match_headers' || head === 'match_query' || head === 'response_headers') {
    const key = head as RowKey;
    // Header names may contain dots: try the longest name that exists.
    for (let end = rest.length; end > 0; end--) {
      const name = rest.slice(0, end).join('.');
      const i = rowIndex(values[key], name);
      if (i >= 0) return `${key}.${i}.value`;
    }
    return key;
  }
  const bodyMatch = /^match_body(?:\[(\d+)\])?$/.exec(head);
  if (bodyMatch) {
    const i = Number(bodyMatch[1] ?? 0);
    if (values.match_body.length === 0) return 'match_body';
    const leaf = rest[0] === 'jsonpath' ? 'jsonpath' : 'value';
    return `match_body.${i}.${leaf}`;
  }
  const variantMatch = /^variants\[(\d+)\]$/.exec(head);
  if (variantMatch) {
    const i = variantMatch[1];
    const [first, second, ...more] = rest;
    if (first === 'weight') return `variants.${i}.weight`;
    if (first === 'response') {
      if (second === 'status' || second === 'body' || second === 'is_template' || second === 'delay_ms') {
        return `variants.${i}.${second}`;
      }
      if (second === 'headers') {
        const variant = values.variants[Number(i)];
        const j = variant ? rowIndex(variant.headers, more.join('.')) : -1;
        return j >= 0 ? `variants.${i}.headers.${j}.value` : `variants.${i}.body`;
      }
    }
    return `variants.${i}.weight`;
  }
  if (head in values) return head;
  return null;
}
