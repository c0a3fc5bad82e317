import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { fakeApi, renderApp } from '../../test/render';
import { prefixProblem, upstreamProblem } from './schema';

const idle = {
  active: false,
  recording_id: null,
  upstream_url: null,
  path_prefix: null,
  timeout_seconds: null,
  started_at: null,
  stopped_at: null,
  captured: 0,
};

const capture = {
  capture_id: 1,
  mock_id: null,
  method: 'GET',
  path: '/api/users',
  query: { page: '2' },
  request_headers: { authorization: '[REDACTED]' },
  request_body: '',
  request_body_encoding: 'utf-8',
  status: 200,
  response_headers: { 'content-type': 'application/json' },
  response_body: '[{"id":1}]',
  response_body_encoding: 'utf-8',
  response_body_truncated: false,
  duration_ms: 12,
  created_at: new Date().toISOString(),
};

/** A recording server: start → active, requests add captures, stop ends it. */
function recordingServer(options: { conflict?: boolean } = {}) {
  let status: Record<string, unknown> = { ...idle };
  const captures: (typeof capture)[] = [];
  const bodies: unknown[] = [];
  const fetch = vi.fn(
    fakeApi({
      'GET /api/admin/recording': () => [200, { ...status, captured: captures.length }],
      'GET /api/admin/recording/captured': () => [200, { captured: captures, count: captures.length }],
      'POST /api/admin/recording/start': (init) => {
        const body = JSON.parse(String(init.body)) as Record<string, string>;
        bodies.push(body);
        if (options.conflict) {
          status = { ...idle, active: true, recording_id: 9, upstream_url: 'http://other:1', path_prefix: '/' };
          return [409, { error: 'conflict', detail: 'a recording of other:1 is already running (started …); stop it first' }];
        }
        if (body.upstream_url === 'http://localhost:18000') {
          return [422, { error: 'validation_error', detail: 'upstream_url: is this server itself', field: 'upstream_url' }];
        }
        status = {
          ...idle,
          active: true,
          recording_id: 1,
          upstream_url: body.upstream_url,
          path_prefix: body.path_prefix ?? '/',
          started_at: new Date().toISOString(),
        };
        return [200, status];
      },
      'POST /api/admin/recording/stop': (init) => {
        bodies.push(JSON.parse(String(init.body)));
        status = { ...status, active: false, stopped_at: new Date().toISOString() };
        return [
          200,
          { captured: captures, count: captures.length, created_mocks: ['get-api-users'], skipped: [], errors: [] },
        ];
      },
      'GET /api/admin/mocks': () => [200, { mocks: [], count: 0 }],
    }),
  );
  return { fetch, captures, bodies };
}

afterEach(() => vi.unstubAllGlobals());

describe('the start form', () => {
  it('refuses what the server refuses, with its words', () => {
    expect(upstreamProblem('')).toBe('upstream_url: is required');
    expect(upstreamProblem('localhost:8080')).toBe(
      'upstream_url: must be an absolute http:// or https:// URL, got "localhost:8080"',
    );
    expect(upstreamProblem('ftp://h')).toMatch(/^upstream_url: must be an absolute http/);
    expect(upstreamProblem('http://u:p@h')).toBe(
      'upstream_url: must be an absolute http:// or https:// URL without user:password (send credentials as headers; they are redacted), got "http://u:p@h"',
    );
    expect(upstreamProblem('http://h/x?a=1')).toMatch(/without a query or fragment/);
    expect(upstreamProblem('http://127.0.0.1:8080/v1')).toBeNull();
    expect(prefixProblem('')).toBeNull();
    expect(prefixProblem('/api')).toBeNull();
    expect(prefixProblem('api')).toBe(`path_prefix: must start with '/', got "api"`);
    expect(prefixProblem('/a b')).toBe("path_prefix: must be a plain path, without spaces, '?' or '#'");
  });
});

describe('the Recording page', () => {
  it('starts, shows captures while active, stops with mocks and links to them', async () => {
    const server = recordingServer();
    vi.stubGlobal('fetch', server.fetch);
    renderApp('/recording');
    const url = await screen.findByRole('textbox', { name: 'Upstream URL' });
    const prefix = screen.getByRole('textbox', { name: 'Path prefix' });
    await userEvent.type(url, 'not a url');
    await userEvent.type(prefix, 'api');
    await userEvent.click(screen.getByRole('button', { name: 'Start recording' }));
    expect(url).toHaveAccessibleDescription(/upstream_url: must be an absolute http/);
    expect(prefix).toHaveAccessibleDescription(/path_prefix: must start with '\/'/);
    expect(server.bodies).toHaveLength(0);

    await userEvent.clear(url);
    await userEvent.type(url, 'http://localhost:18000');
    await userEvent.clear(prefix);
    await userEvent.click(screen.getByRole('button', { name: 'Start recording' }));
    await waitFor(() => expect(url).toHaveAccessibleDescription(/upstream_url: is this server itself/));

    await userEvent.clear(url);
    await userEvent.type(url, 'http://127.0.0.1:9000');
    await userEvent.type(prefix, '/api');
    await userEvent.click(screen.getByRole('button', { name: 'Start recording' }));
    expect(await screen.findByRole('button', { name: 'Stop recording' })).toBeInTheDocument();
    expect(server.bodies.at(-1)).toEqual({ upstream_url: 'http://127.0.0.1:9000', path_prefix: '/api' });
    expect(await screen.findByText(/Nothing captured yet/)).toBeInTheDocument();

    // A request arrives: the list refreshes by itself (polling while active).
    server.captures.push(capture);
    const table = await screen.findByRole('table', { name: 'Captured requests' }, { timeout: 5_000 });
    expect(within(table).getByRole('row', { name: /\/api\/users\?page=2/ })).toHaveTextContent('200');
    await userEvent.click(within(table).getByRole('button', { name: 'Show' }));
    const details = await screen.findByRole('dialog', { name: 'GET /api/users' });
    expect(details).toHaveTextContent('authorization: [REDACTED]');
    expect(details).toHaveTextContent('[{"id":1}]');
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    expect(screen.getByRole('checkbox', { name: 'Create mocks from the captures' })).toBeChecked();
    await userEvent.click(screen.getByRole('button', { name: 'Stop recording' }));
    expect(await screen.findByText('Created 1 mock')).toBeInTheDocument();
    expect(server.bodies.at(-1)).toEqual({ create_mocks: true });
    expect(screen.getByRole('link', { name: 'get-api-users' })).toHaveAttribute('href', '/mocks/get-api-users');
    expect(await screen.findByText('Stopped')).toBeInTheDocument();
  });

  it('shows a 409 clearly when another recording runs', async () => {
    vi.stubGlobal('fetch', recordingServer({ conflict: true }).fetch);
    renderApp('/recording');
    await userEvent.type(await screen.findByRole('textbox', { name: 'Upstream URL' }), 'http://127.0.0.1:9000');
    await userEvent.click(screen.getByRole('button', { name: 'Start recording' }));
    expect(await screen.findByText('A recording is already running')).toBeInTheDocument();
    expect(screen.getByText(/a recording of other:1 is already running/)).toBeInTheDocument();
    // The running one is shown, with its Stop button.
    expect(await screen.findByRole('button', { name: 'Stop recording' })).toBeInTheDocument();
  });
});
