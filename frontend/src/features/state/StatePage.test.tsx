import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { fakeApi, renderApp } from '../../test/render';

const now = new Date().toISOString();

function stateServer(initial: Record<string, Record<string, unknown>>) {
  const store = structuredClone(initial);
  const calls: { method: string; path: string; body?: unknown }[] = [];
  const entries = (session: string) =>
    Object.entries(store[session] ?? {}).map(([state_key, state_value]) => ({
      state_key,
      state_value,
      session_id: session,
      mock_id: 'cart-mock',
      client_ip: null,
      updated_at: now,
    }));
  const fetch = vi.fn(async (url: string, init: RequestInit = {}) => {
    const parsed = new URL(url, 'http://localhost');
    const method = init.method ?? 'GET';
    const body = init.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : undefined;
    calls.push({ method, path: parsed.pathname + parsed.search, body });
    const parts = parsed.pathname.replace('/api/admin/state', '').split('/').filter(Boolean).map(decodeURIComponent);
    const [session, key, action] = parts;
    let status = 200;
    let answer: unknown;
    if (!parsed.pathname.startsWith('/api/admin/state')) {
      answer = parsed.pathname.endsWith('/stats') ? { stats: [] } : { mocks: [], count: 0 };
    } else if (!session) {
      const sessions = Object.keys(store).map((id) => ({
        session_id: id,
        keys: Object.keys(store[id]!).length,
        updated_at: now,
      }));
      answer = { sessions, count: sessions.length };
    } else if (method === 'GET') {
      answer = { states: entries(session), count: entries(session).length };
    } else if (method === 'POST' && !key) {
      const k = String(body?.state_key);
      if (k === 'too-deep') {
        status = 422;
        answer = { error: 'validation_error', detail: 'state_value: nested deeper than 127', field: 'state_value' };
      } else {
        (store[session] ??= {})[k] = body?.state_value;
        answer = { state_key: k, state_value: body?.state_value };
      }
    } else if (action === 'increment') {
      const current = store[session]?.[key!];
      if (current !== undefined && !Number.isInteger(current)) {
        status = 409;
        answer = { error: 'conflict', detail: `state key '${key}' does not hold an integer` };
      } else {
        store[session]![key!] = Number(current ?? 0) + 1;
        answer = { state_key: key, new_value: store[session]![key!] };
      }
    } else if (method === 'DELETE' && key) {
      delete store[session]![key];
      answer = { deleted: true, state_key: key };
    } else if (method === 'DELETE') {
      const deleted = Object.keys(store[session] ?? {}).length;
      delete store[session];
      answer = { deleted, session_id: session };
    }
    return new Response(JSON.stringify(answer), { status, headers: { 'Content-Type': 'application/json' } });
  });
  return { fetch, store, calls };
}

afterEach(() => vi.unstubAllGlobals());

describe('the State page', () => {
  it('says how state appears when there is none', async () => {
    vi.stubGlobal('fetch', fakeApi({ 'GET /api/admin/state': () => [200, { sessions: [], count: 0 }] }));
    renderApp('/state');
    expect(await screen.findByRole('heading', { level: 1, name: 'State' })).toBeInTheDocument();
    expect(await screen.findByText('No state yet')).toBeInTheDocument();
  });

  it('lists sessions; a session in the URL shows its keys as JSON', async () => {
    const server = stateServer({ 'sess-1': { cart: { items: 2 }, label: '7' }, 'ip:127.0.0.1': { n: 1 } });
    vi.stubGlobal('fetch', server.fetch);
    const { router } = renderApp('/state');
    const sessions = await screen.findByRole('table', { name: 'Sessions' });
    expect(within(sessions).getByRole('link', { name: 'ip:127.0.0.1' })).toBeInTheDocument();
    await userEvent.click(within(sessions).getByRole('link', { name: 'sess-1' }));
    expect(router.state.location.search).toBe('?session=sess-1');

    const keys = await screen.findByRole('table', { name: 'Keys' });
    const label = within(keys).getByRole('row', { name: /label/ });
    // A string stays a string: shown with its quotes.
    expect(within(label).getByText('"7"')).toBeInTheDocument();
    expect(within(keys).getByRole('row', { name: /^cart / })).toHaveTextContent('"items": 2');
  });

  it('edits a value as JSON: the browser refuses broken JSON, the server detail lands on the field', async () => {
    const server = stateServer({ s: { step: 1, 'too-deep': 0 } });
    vi.stubGlobal('fetch', server.fetch);
    renderApp('/state?session=s');
    const keys = await screen.findByRole('table', { name: 'Keys' });
    await userEvent.click(within(within(keys).getByRole('row', { name: /step/ })).getByRole('button', { name: 'Edit' }));

    const dialog = await screen.findByRole('dialog', { name: 'Edit step' });
    const value = within(dialog).getByRole('textbox', { name: 'Value (JSON)' });
    await userEvent.clear(value);
    await userEvent.type(value, '{{"step": ');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save value' }));
    await waitFor(() => expect(value).toHaveAccessibleDescription(/^state_value: must be valid JSON/));
    expect(server.calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    await userEvent.clear(value);
    await userEvent.type(value, '{{"step": 2}');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save value' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(server.store.s!.step).toEqual({ step: 2 });

    await userEvent.click(
      within(within(keys).getByRole('row', { name: /too-deep/ })).getByRole('button', { name: 'Edit' }),
    );
    const again = await screen.findByRole('dialog', { name: 'Edit too-deep' });
    await userEvent.click(within(again).getByRole('button', { name: 'Save value' }));
    expect(
      await within(again).findByText('state_value: nested deeper than 127'),
    ).toBeInTheDocument();
    expect(within(again).getByRole('textbox', { name: 'Value (JSON)' })).toHaveAttribute('aria-invalid', 'true');
  });

  it('increments, shows a 409 for a non-integer, deletes a key and clears a session', async () => {
    const server = stateServer({ s: { count: 4, word: 'x' } });
    vi.stubGlobal('fetch', server.fetch);
    const { router } = renderApp('/state?session=s');
    const keys = await screen.findByRole('table', { name: 'Keys' });
    const row = (name: RegExp) => within(keys).getByRole('row', { name });

    await userEvent.click(within(row(/count/)).getByRole('button', { name: 'Increment' }));
    await waitFor(() => expect(row(/count/)).toHaveTextContent('5'));
    expect(server.calls.some((c) => c.method === 'PUT' && c.path === '/api/admin/state/s/count/increment?delta=1')).toBe(true);

    await userEvent.click(within(row(/word/)).getByRole('button', { name: 'Increment' }));
    expect(await screen.findByText("state key 'word' does not hold an integer")).toBeInTheDocument();

    await userEvent.click(within(row(/word/)).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(within(keys).queryByRole('row', { name: /word/ })).not.toBeInTheDocument());
    expect(server.store.s).not.toHaveProperty('word');

    await userEvent.click(screen.getByRole('button', { name: 'Clear session' }));
    const confirm = await screen.findByRole('dialog', { name: 'Clear this session?' });
    await userEvent.click(within(confirm).getByRole('button', { name: 'Clear' }));
    await waitFor(() => expect(router.state.location.search).toBe(''));
    expect(server.store).not.toHaveProperty('s');
  });

  it('sets a value in a new session and selects it', async () => {
    const server = stateServer({ other: { a: 1 } });
    vi.stubGlobal('fetch', server.fetch);
    const { router } = renderApp('/state');
    await userEvent.click(await screen.findByRole('button', { name: 'Set a value' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add a key' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save value' }));
    expect(await within(dialog).findByText('session_id: must not be empty')).toBeInTheDocument();
    expect(within(dialog).getByText('state_key: is required and must be a non-empty string')).toBeInTheDocument();
    expect(within(dialog).getByText('state_value: is required (any JSON value)')).toBeInTheDocument();

    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Session' }), 'fresh');
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Key' }), 'greeting');
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Value (JSON)' }), '"hi"');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save value' }));
    await waitFor(() => expect(router.state.location.search).toBe('?session=fresh'));
    expect(server.store.fresh).toEqual({ greeting: 'hi' });
  });

  it('/ focuses the session search and Esc closes a dialog', async () => {
    vi.stubGlobal('fetch', stateServer({ s: { a: 1 } }).fetch);
    renderApp('/state');
    const search = await screen.findByRole('searchbox', { name: 'Search sessions' });
    await userEvent.keyboard('/');
    expect(search).toHaveFocus();
    await userEvent.click(screen.getByRole('button', { name: 'Set a value' }));
    await screen.findByRole('dialog', { name: 'Add a key' });
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });
});
