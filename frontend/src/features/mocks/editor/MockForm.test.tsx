import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { fakeApi, renderApp } from '../../../test/render';

afterEach(() => vi.unstubAllGlobals());

describe('the mock editor', () => {
  it('labels the fields with SPEC §12 names and refuses an empty form without calling the server', async () => {
    const posted = vi.fn();
    vi.stubGlobal(
      'fetch',
      fakeApi({
        'GET /api/admin/mocks': () => [200, { mocks: [], count: 0 }],
        'POST /api/admin/mocks': () => {
          posted();
          return [201, {}];
        },
      }),
    );
    renderApp('/mocks/new');
    expect(await screen.findByRole('heading', { level: 1, name: 'New mock' })).toBeInTheDocument();
    for (const label of ['Name', 'Path', 'Status']) {
      expect(screen.getByRole('textbox', { name: label })).toBeInTheDocument();
    }
    expect(screen.getByRole('combobox', { name: 'Method' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'mock_priority' })).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('mock_name: must not be empty')).toBeInTheDocument();
    expect(screen.getByText('match_path: is required')).toBeInTheDocument();
    expect(posted).not.toHaveBeenCalled();
  });

  it('shows the server detail of a 422 on the field it names', async () => {
    vi.stubGlobal(
      'fetch',
      fakeApi({
        'GET /api/admin/mocks': () => [200, { mocks: [], count: 0 }],
        'POST /api/admin/mocks': () => [
          422,
          {
            error: 'validation_error',
            detail: 'match_path: a regex path does not compile: unclosed group',
            field: 'match_path',
          },
        ],
      }),
    );
    renderApp('/mocks/new');
    await userEvent.type(await screen.findByRole('textbox', { name: 'Name' }), 'Regex');
    await userEvent.type(screen.getByRole('textbox', { name: 'Path' }), '^/(a');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    const path = screen.getByRole('textbox', { name: 'Path' });
    expect(await screen.findByText('match_path: a regex path does not compile: unclosed group')).toBeInTheDocument();
    expect(path).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('heading', { level: 1, name: 'New mock' })).toBeInTheDocument();
  });
});
