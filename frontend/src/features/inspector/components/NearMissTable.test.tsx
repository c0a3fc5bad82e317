import { MantineProvider } from '@mantine/core';
import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';

import type { NearMiss } from '../../../types/api';
import { criterionLabel, NearMissTable } from './NearMissTable';

function show(nearMisses: NearMiss[]) {
  render(
    <MantineProvider>
      <MemoryRouter>
        <NearMissTable nearMisses={nearMisses} />
      </MemoryRouter>
    </MantineProvider>,
  );
}

describe('near misses condition by condition', () => {
  it('shows each criterion with expected, actual and whether it passed', () => {
    show([
      {
        mock_id: 'env',
        mock_name: 'Prod users',
        reason: 'header X-Env: expected "prod", got "dev"',
        checks: [
          { field: 'match_method', expected: 'GET', actual: 'GET', passed: true },
          { field: 'match_headers.X-Env', expected: '"prod"', actual: '"dev"', passed: false },
        ],
      },
    ]);
    expect(screen.getByRole('link', { name: 'Prod users' })).toHaveAttribute('href', '/mocks/env');
    expect(screen.getByText('header X-Env: expected "prod", got "dev"')).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Why Prod users did not match' });
    const rows = within(table).getAllByRole('row');
    const texts = (row: HTMLElement) =>
      [...within(row).queryAllByRole('columnheader'), ...within(row).queryAllByRole('cell')].map((c) => c.textContent);
    expect(rows.map(texts)).toEqual([
      ['Criterion', 'Expected', 'Actual', 'Result'],
      ['method', 'GET', 'GET', 'pass'],
      ['header X-Env', '"prod"', '"dev"', 'fail'],
    ]);
  });

  it('falls back to the reason for entries logged before checks existed', () => {
    show([{ mock_id: 'old', mock_name: 'Old', reason: 'method: expected POST, got GET' }]);
    expect(screen.getByText('method: expected POST, got GET')).toBeInTheDocument();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('says so when no mock came close', () => {
    show([]);
    expect(screen.getByText(/No mock came close/)).toBeInTheDocument();
  });

  it('names fields in plain words', () => {
    expect(criterionLabel('match_query.page')).toBe('query page');
    expect(criterionLabel('match_body')).toBe('body');
    expect(criterionLabel('match_body[1]')).toBe('body condition 2');
    expect(criterionLabel('match_content_type')).toBe('content type');
    expect(criterionLabel('match_path')).toBe('path');
  });
});
