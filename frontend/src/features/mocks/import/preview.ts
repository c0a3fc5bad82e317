// Turns an import answer (SPEC §13) into the rows the preview lists.

import type { ImportResult, ImportWarning, Mock } from '../../../types/api';

export type Outcome = 'create' | 'update' | 'skip';

export interface PreviewRow {
  id: string;
  outcome: Outcome;
  /** The definition that would be stored; skipped items have none. */
  mock?: Mock;
  warnings: string[];
}

export interface Preview {
  rows: PreviewRow[];
  /** Warnings about places in the file rather than a mock (`/log/entries/7`). */
  others: ImportWarning[];
}

/** One row per mock id, in document order (skipped ones last), each with its warnings. */
export function previewOf(result: ImportResult): Preview {
  const warnings = new Map<string, string[]>();
  for (const w of result.warnings) {
    warnings.set(w.item, [...(warnings.get(w.item) ?? []), w.message]);
  }
  const updated = new Set(result.updated);
  const rows: PreviewRow[] = [
    ...result.mocks.map((mock) => ({
      id: mock.mock_id,
      outcome: (updated.has(mock.mock_id) ? 'update' : 'create') as Outcome,
      mock,
      warnings: [],
    })),
    ...result.skipped.map((id) => ({ id, outcome: 'skip' as Outcome, warnings: [] })),
  ];
  for (const row of rows) {
    row.warnings = warnings.get(row.id) ?? [];
    warnings.delete(row.id);
  }
  const others = [...warnings].flatMap(([item, messages]) =>
    messages.map((message) => ({ item, message })),
  );
  return { rows, others };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "3 created, 1 skipped, 2 warnings" (only what is not zero; "nothing" when all are). */
export function countsOf(result: ImportResult, tense: 'would' | 'did'): string {
  const verbs =
    tense === 'did' ? ['created', 'updated', 'skipped'] : ['to create', 'to update', 'to skip'];
  const parts = [
    [result.created.length, verbs[0]],
    [result.updated.length, verbs[1]],
    [result.skipped.length, verbs[2]],
  ]
    .filter(([n]) => n !== 0)
    .map(([n, verb]) => `${n} ${verb}`);
  if (result.warnings.length > 0) parts.push(plural(result.warnings.length, 'warning'));
  return parts.length > 0 ? parts.join(', ') : 'no mocks in this document';
}
