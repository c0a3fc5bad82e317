import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { setApiKey, setLoginRequired } from '../../api';
import { fakeApi, renderApp } from '../../test/render';
import { formatUptime } from './schema';

const info = {
  version: '0.1.0',
  database: { kind: 'postgres', location: 'postgres://app@db:5432/mimicus' },
  listen_address: '127.0.0.1:18000',
  started_at: '2026-11-30T08:00:00Z',
  uptime_seconds: 3725,
  mocks: 12,
  inspector: { enabled: true, queue_depth: 0, written: 40, dropped: 3 },
  api_key_required: true,
};

function keyServer() {
  const keys: Record<string, unknown>[] = [
    {
      id: 'k1',
      name: 'ci',
      prefix: 'mk_ciciciciv',
      created_at: new Date().toISOString(),
      last_used_at: null,
    },
  ];
  const fetch = vi.fn(
    fakeApi({
      'GET /api/admin/api-keys': () => [200, { api_keys: keys, count: keys.length }],
      'POST /api/admin/api-keys': (init) => {
        const { name } = JSON.parse(String(init.body)) as { name: string };
        if (name === 'reserved') {
          return [422, { error: 'validation_error', detail: 'name: is taken', field: 'name' }];
        }
        const created = {
          id: `k${keys.length + 1}`,
          name,
          key: 'mk_the-full-secret-key-value',
          prefix: 'mk_the-full-',
          created_at: new Date().toISOString(),
        };
        keys.push({ ...created, key: undefined, last_used_at: null });
        return [201, created];
      },
      'DELETE /api/admin/api-keys/k1': () => {
        keys.splice(0, 1);
        return [204, null];
      },
      'GET /api/admin/server-info': () => [200, info],
      'GET /api/admin/mocks': () => [200, { mocks: [], count: 0 }],
    }),
  );
  return { fetch, keys };
}

afterEach(() => {
  vi.unstubAllGlobals();
  setLoginRequired(false);
});

describe('the Settings page', () => {
  it('shows the server info without secrets', async () => {
    vi.stubGlobal('fetch', keyServer().fetch);
    renderApp('/settings');
    const table = await screen.findByRole('table', { name: 'Server info' });
    expect(within(table).getByRole('row', { name: /Database/ })).toHaveTextContent(
      'PostgreSQL postgres://app@db:5432/mimicus',
    );
    expect(within(table).getByRole('row', { name: /Uptime/ })).toHaveTextContent('1 h 2 min');
    expect(within(table).getByRole('row', { name: /Inspector/ })).toHaveTextContent('3 dropped');
    expect(within(table).getByRole('row', { name: /Admin API key/ })).toHaveTextContent('required');
    expect(within(table).getByRole('row', { name: /Mocks/ })).toHaveTextContent('12');
  });

  it('creates a key, shows it once with Copy and a warning, and this browser adopts it', async () => {
    const server = keyServer();
    vi.stubGlobal('fetch', server.fetch);
    renderApp('/settings');
    const name = await screen.findByRole('textbox', { name: 'Name' });
    await userEvent.click(screen.getByRole('button', { name: 'Create key' }));
    expect(name).toHaveAccessibleDescription(/name: must be 1 to 100 characters/);
    expect(server.fetch.mock.calls.some(([, init]) => init?.method === 'POST')).toBe(false);

    await userEvent.type(name, 'reserved{Enter}');
    await waitFor(() => expect(name).toHaveAccessibleDescription(/name: is taken/));

    await userEvent.clear(name);
    await userEvent.type(name, 'laptop{Enter}');
    const shown = await screen.findByRole('textbox', { name: 'New API key' });
    expect(shown).toHaveValue('mk_the-full-secret-key-value');
    expect(screen.getByText('Copy the new key now')).toBeInTheDocument();
    expect(screen.getByText(/This is the only time the key “laptop” is shown/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Copy' })).toBeInTheDocument();
    expect(localStorage.getItem('mimicus.apiKey')).toBe('mk_the-full-secret-key-value');

    const list = await screen.findByRole('table', { name: 'API keys' });
    const row = await within(list).findByRole('row', { name: /laptop/ });
    expect(row).toHaveTextContent('mk_the-full-…');
    expect(row).toHaveTextContent('never');
    expect(within(row).getByText('this browser')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('textbox', { name: 'New API key' })).not.toBeInTheDocument();
  });

  it('does not replace a key this browser already uses', async () => {
    setApiKey('mk_ciciciciv-existing');
    vi.stubGlobal('fetch', keyServer().fetch);
    renderApp('/settings');
    await userEvent.type(await screen.findByRole('textbox', { name: 'Name' }), 'second{Enter}');
    await screen.findByRole('textbox', { name: 'New API key' });
    expect(localStorage.getItem('mimicus.apiKey')).toBe('mk_ciciciciv-existing');
  });

  it('revokes a key only after confirming, and forgets it when this browser used it', async () => {
    setApiKey('mk_ciciciciv-existing');
    const server = keyServer();
    vi.stubGlobal('fetch', server.fetch);
    renderApp('/settings');
    const list = await screen.findByRole('table', { name: 'API keys' });
    const row = within(list).getByRole('row', { name: /ci/ });
    await userEvent.click(within(row).getByRole('button', { name: 'Revoke' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke this key?' });
    expect(dialog).toHaveTextContent('This browser uses it and will be logged out.');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(server.keys).toHaveLength(1);

    await userEvent.click(within(row).getByRole('button', { name: 'Revoke' }));
    await userEvent.click(
      within(await screen.findByRole('dialog', { name: 'Revoke this key?' })).getByRole('button', {
        name: 'Revoke key',
      }),
    );
    await waitFor(() => expect(server.keys).toHaveLength(0));
    await waitFor(() => expect(localStorage.getItem('mimicus.apiKey')).toBeNull());
  });

  it('formats uptimes a person can read', () => {
    expect(formatUptime(0)).toBe('0 s');
    expect(formatUptime(59)).toBe('59 s');
    expect(formatUptime(3725)).toBe('1 h 2 min');
    expect(formatUptime(90_061)).toBe('1 d 1 h');
  });
});
