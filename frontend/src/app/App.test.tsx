import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { setLoginRequired } from '../api';
import { fakeApi, renderApp } from '../test/render';

const mock = {
  mock_id: 'get-user',
  mock_name: 'Get a user',
  mock_enabled: true,
  mock_mode: 'mock',
  mock_tags: ['users'],
  match_method: 'GET',
  match_path: '/api/users/{id}',
};

afterEach(() => {
  vi.unstubAllGlobals();
  setLoginRequired(false);
});

describe('the app', () => {
  it('lists mocks with their hits, an Enabled switch and a New mock link', async () => {
    vi.stubGlobal(
      'fetch',
      fakeApi({
        'GET /api/admin/mocks': () => [200, { mocks: [mock], count: 1 }],
        'GET /api/admin/mocks/stats': () => [
          200,
          { stats: [{ mock_id: 'get-user', hits: 7, last_hit_at: new Date().toISOString() }] },
        ],
      }),
    );
    renderApp('/');
    expect(await screen.findByRole('heading', { level: 1, name: 'Mocks' })).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: 'Get a user' })).toHaveAttribute('href', '/mocks/get-user');
    expect(screen.getByRole('switch', { name: 'Enabled' })).toBeChecked();
    expect(screen.getByRole('link', { name: 'New mock' })).toHaveAttribute('href', '/mocks/new');
    expect(await screen.findByRole('cell', { name: '7' })).toBeInTheDocument();
    for (const name of ['Mocks', 'Inspector', 'State', 'Recording', 'Settings']) {
      expect(screen.getByRole('link', { name })).toBeInTheDocument();
    }
  });

  it('shows the login screen on 401 and retries with the key after login', async () => {
    const seen: (string | null)[] = [];
    vi.stubGlobal(
      'fetch',
      fakeApi({
        'GET /api/admin/mocks': (init) => {
          const key = (init.headers as Record<string, string>)['X-API-Key'] ?? null;
          seen.push(key);
          return key === 'right'
            ? [200, { mocks: [], count: 0 }]
            : [401, { error: 'unauthorized', detail: 'an API key is required' }];
        },
        'GET /api/admin/mocks/stats': () => [200, { stats: [] }],
      }),
    );
    renderApp('/');
    const field = await screen.findByLabelText('API key');
    await userEvent.type(field, 'wrong{Enter}');
    expect(await screen.findByText(/That API key was refused/)).toBeInTheDocument();
    expect(localStorage.getItem('mimicus.apiKey')).toBeNull();

    await userEvent.clear(field);
    await userEvent.type(field, 'right{Enter}');
    expect(await screen.findByRole('heading', { level: 1, name: 'Mocks' })).toBeInTheDocument();
    expect(localStorage.getItem('mimicus.apiKey')).toBe('right');
    await waitFor(() => expect(seen.at(-1)).toBe('right'));
  });

  it('names each placeholder page with its h1', async () => {
    vi.stubGlobal('fetch', fakeApi({ 'GET /api/admin/mocks': () => [200, { mocks: [], count: 0 }] }));
    for (const [path, h1] of [
      ['/inspector', 'Inspector'],
      ['/inspector/12', 'Inspector'],
      ['/state', 'State'],
      ['/recording', 'Recording'],
      ['/settings', 'Settings'],
      ['/no/such/page', 'Page not found'],
    ]) {
      const { unmount } = renderApp(path);
      expect(await screen.findByRole('heading', { level: 1, name: h1 })).toBeInTheDocument();
      unmount();
    }
  });
});
