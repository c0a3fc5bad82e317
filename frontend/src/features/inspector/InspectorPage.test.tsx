import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { fakeApi, renderApp } from '../../test/render';
import type { RequestLog } from '../../types/api';

const log = (id: number, path: string, extra: Partial<RequestLog> = {}): RequestLog => ({
  log_id: id,
  request_method: 'GET',
  request_path: path,
  request_query: {},
  request_headers: { accept: '*/*' },
  request_body: '',
  request_body_truncated: false,
  matched_mock_id: null,
  variant: null,
  template_context: null,
  near_misses: [],
  response_status: 404,
  response_headers: {},
  response_body: '{"error":"No matching mock found"}',
  response_body_truncated: false,
  duration_ms: 0.4,
  outcome: 'unmatched',
  client_ip: '127.0.0.1',
  session_id: null,
  created_at: new Date().toISOString(),
  ...extra,
});

/** The API with one logged request and a live stream the test writes to. */
function serve(initial: RequestLog[]) {
  let push: (entry: RequestLog) => void = () => {};
  const listed: string[] = [];
  const api = fakeApi({
    'GET /api/admin/inspector/requests': (_, url) => {
      listed.push(url.search);
      return [200, { logs: initial, count: initial.length }];
    },
    'GET /api/admin/inspector/requests/1': () => [200, initial[0]],
    'GET /api/admin/mocks': () => [200, { mocks: [], count: 0 }],
  });
  vi.stubGlobal('fetch', (url: string, init?: RequestInit) => {
    if (!url.endsWith('/inspector/stream')) return api(url, init);
    const bytes = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        push = (entry) => controller.enqueue(bytes.encode(`event: request\ndata: ${JSON.stringify(entry)}\n\n`));
      },
    });
    return Promise.resolve(new Response(body, { status: 200 }));
  });
  return { push: (entry: RequestLog) => push(entry), listed };
}

afterEach(() => vi.unstubAllGlobals());

describe('the Inspector page', () => {
  it('shows entries arriving on the stream, and counts them while paused', async () => {
    const server = serve([log(1, '/first')]);
    renderApp('/inspector');
    expect(await screen.findByRole('link', { name: '/first' })).toHaveAttribute('href', '/inspector/1');
    expect(await screen.findByRole('status')).toHaveTextContent('Live');

    server.push(log(2, '/second'));
    expect(await screen.findByRole('link', { name: '/second' })).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Pause' }));
    expect(screen.getByRole('status')).toHaveTextContent('Paused');
    server.push(log(3, '/third'));
    server.push(log(4, '/fourth'));
    expect(await screen.findByText('2 new requests')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: '/third' })).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: 'Resume (2 new)' }));
    expect(await screen.findByRole('link', { name: '/fourth' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '/third' })).toBeInTheDocument();
    const rows = within(screen.getByRole('table', { name: 'Requests' })).getAllByRole('link');
    expect(rows.map((r) => r.textContent)).toEqual(['/fourth', '/third', '/second', '/first']);
  });

  it('keeps filters in the URL, asks the API with them and filters live entries alike', async () => {
    const server = serve([]);
    const { router } = renderApp('/inspector?outcome=unmatched&path=%2Fapi');
    await waitFor(() => expect(server.listed).toContain('?path=%2Fapi&outcome=unmatched&limit=200'));
    server.push(log(5, '/api/users'));
    server.push(log(6, '/other'));
    server.push(log(7, '/api/matched', { outcome: 'matched', response_status: 200 }));
    expect(await screen.findByRole('link', { name: '/api/users' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: '/other' })).toBeNull();
    expect(screen.queryByRole('link', { name: '/api/matched' })).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(router.state.location.search).toBe(''));
  });

  it('opens an entry at its own URL, offers create-mock and curl, and Esc closes it', async () => {
    serve([
      log(1, '/env', {
        near_misses: [
          {
            mock_id: 'env',
            mock_name: 'Prod only',
            reason: 'header X-Env: expected "prod", got nothing',
            checks: [{ field: 'match_headers.X-Env', expected: '"prod"', actual: 'absent', passed: false }],
          },
        ],
      }),
    ]);
    const { router } = renderApp('/inspector/1?outcome=unmatched');
    const detail = await screen.findByRole('region', { name: 'Request detail' });
    expect(within(detail).getByRole('heading', { name: 'GET /env' })).toBeInTheDocument();
    expect(within(detail).getByRole('table', { name: 'Why Prod only did not match' })).toBeInTheDocument();
    expect(within(detail).getByRole('link', { name: 'Create mock from this request' })).toHaveAttribute(
      'href',
      '/mocks/new?from_request=1',
    );
    expect(within(detail).getByRole('button', { name: 'Copy as curl' })).toBeInTheDocument();

    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(router.state.location.pathname).toBe('/inspector'));
    expect(router.state.location.search).toBe('?outcome=unmatched');
    expect(screen.queryByRole('region', { name: 'Request detail' })).toBeNull();
  });
});
