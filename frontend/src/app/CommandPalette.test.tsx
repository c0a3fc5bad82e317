import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { fakeApi, renderApp } from '../test/render';

const mocks = [
  { mock_id: 'get-user', mock_name: 'Get a user', mock_enabled: true, mock_mode: 'mock', mock_tags: [], match_method: 'GET', match_path: '/api/users/{id}' },
  { mock_id: 'list-orders', mock_name: 'Orders', mock_enabled: true, mock_mode: 'mock', mock_tags: [], match_method: 'POST', match_path: '/api/orders' },
];

function stubApi() {
  vi.stubGlobal(
    'fetch',
    fakeApi({
      'GET /api/admin/mocks': () => [200, { mocks, count: mocks.length }],
      'GET /api/admin/mocks/stats': () => [200, { stats: [] }],
      'GET /api/admin/state': () => [200, { sessions: [], count: 0 }],
      'GET /api/admin/recording': () => [200, { active: false, recording_id: null, captured: 0 }],
    }),
  );
}

afterEach(() => vi.unstubAllGlobals());

describe('the command palette', () => {
  it('opens with Ctrl+K and goes to a page; Esc closes it', async () => {
    stubApi();
    const { router } = renderApp('/');
    await screen.findByRole('heading', { level: 1, name: 'Mocks' });
    await userEvent.keyboard('{Control>}k{/Control}');
    const search = await screen.findByRole('textbox', { name: 'Go to' });
    await waitFor(() => expect(search).toBeVisible());
    await userEvent.type(search, 'Recording');
    await userEvent.click(await screen.findByRole('button', { name: /Record a backend/ }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/recording'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Recording' })).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Open command palette' }));
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Go to' })).toBeVisible());
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('textbox', { name: 'Go to' })).not.toBeInTheDocument());
  });

  it('finds a mock by its path and opens it', async () => {
    stubApi();
    const { router } = renderApp('/state');
    await screen.findByRole('heading', { level: 1, name: 'State' });
    await userEvent.click(screen.getByRole('button', { name: 'Open command palette' }));
    await userEvent.type(await screen.findByRole('textbox', { name: 'Go to' }), '/api/orders');
    const option = await screen.findByRole('button', { name: /Orders/ });
    expect(screen.queryByRole('button', { name: /Get a user/ })).not.toBeInTheDocument();
    await userEvent.click(option);
    await waitFor(() => expect(router.state.location.pathname).toBe('/mocks/list-orders'));
  });

  it('/ focuses the search of the Mocks page', async () => {
    stubApi();
    renderApp('/');
    const search = await screen.findByRole('searchbox', { name: 'Search' });
    expect(search).not.toHaveFocus();
    await userEvent.keyboard('/');
    expect(search).toHaveFocus();
  });
});
