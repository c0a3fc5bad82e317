import { describe, expect, it } from 'vitest';

import type { ImportResult, Mock } from '../../../types/api';
import { countsOf, previewOf } from './preview';

const mock = (id: string) =>
  ({ mock_id: id, mock_name: id, match_method: 'GET', match_path: `/${id}` }) as Mock;

const result = (over: Partial<ImportResult>): ImportResult => ({
  format: 'openapi',
  dry_run: true,
  created: [],
  updated: [],
  skipped: [],
  warnings: [],
  mocks: [],
  ...over,
});

describe('previewOf', () => {
  it('lists stored mocks in document order, then skipped ids, each with its own warnings', () => {
    const { rows, others } = previewOf(
      result({
        created: ['b'],
        updated: ['a'],
        skipped: ['#2'],
        mocks: [mock('a'), mock('b')],
        warnings: [
          { item: 'b', message: 'first' },
          { item: '#2', message: 'response_status: must be an HTTP status' },
          { item: 'b', message: 'second' },
          { item: '/log/entries/7', message: 'binary body' },
        ],
      }),
    );
    expect(rows.map((r) => [r.id, r.outcome, r.warnings])).toEqual([
      ['a', 'update', []],
      ['b', 'create', ['first', 'second']],
      ['#2', 'skip', ['response_status: must be an HTTP status']],
    ]);
    expect(rows[0]?.mock?.match_path).toBe('/a');
    expect(rows[2]?.mock).toBeUndefined();
    expect(others).toEqual([{ item: '/log/entries/7', message: 'binary body' }]);
  });
});

describe('countsOf', () => {
  it('says what is not zero, as a plan or as a report', () => {
    const r = result({
      created: ['a', 'b'],
      skipped: ['c'],
      warnings: [{ item: 'c', message: 'x' }],
    });
    expect(countsOf(r, 'would')).toBe('2 to create, 1 to skip, 1 warning');
    expect(countsOf(r, 'did')).toBe('2 created, 1 skipped, 1 warning');
    expect(countsOf(result({}), 'would')).toBe('no mocks in this document');
  });
});
