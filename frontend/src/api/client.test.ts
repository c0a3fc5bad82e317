import { afterEach, describe, expect, it, vi } from 'vitest';

import { ApiError, api, buildUrl, isLoginRequired, setApiKey, setLoginRequired } from '.';

function respond(status: number, body?: unknown, contentType = 'application/json') {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  return vi.fn().mockResolvedValue(
    new Response(status === 204 ? null : text, { status, headers: { 'Content-Type': contentType } }),
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
  setLoginRequired(false);
});

describe('api client', () => {
  it('sends the stored key as X-API-Key and never in the URL', async () => {
    const fetch = respond(200, { mocks: [], count: 0 });
    vi.stubGlobal('fetch', fetch);
    setApiKey('secret-key');
    await api.get('/mocks', { search: 'user', enabled: false, tag: undefined });
    const [url, init] = fetch.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/admin/mocks?search=user&enabled=false');
    expect(url).not.toContain('secret-key');
    expect((init.headers as Record<string, string>)['X-API-Key']).toBe('secret-key');
  });

  it('sends no key header when none is stored', async () => {
    const fetch = respond(200, {});
    vi.stubGlobal('fetch', fetch);
    await api.get('/mocks');
    const [, init] = fetch.mock.calls[0] as [string, RequestInit];
    expect(init.headers as Record<string, string>).not.toHaveProperty('X-API-Key');
  });

  it('a 401 asks for the login screen and rejects with the server detail', async () => {
    vi.stubGlobal('fetch', respond(401, { error: 'unauthorized', detail: 'an API key is required' }));
    const failure = api.get('/mocks');
    await expect(failure).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
    expect(isLoginRequired()).toBe(true);
  });

  it('parses SPEC §2 errors with their field', async () => {
    vi.stubGlobal(
      'fetch',
      respond(422, {
        error: 'validation_error',
        detail: 'variants[1].weight: must be between 0 and 1000000, got -1',
        field: 'variants[1].weight',
      }),
    );
    const error = await api.post('/mocks', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 422,
      code: 'validation_error',
      field: 'variants[1].weight',
      message: 'variants[1].weight: must be between 0 and 1000000, got -1',
    });
    expect(isLoginRequired()).toBe(false);
  });

  it('turns a non-JSON error into a readable one', async () => {
    vi.stubGlobal('fetch', respond(502, '<html>bad gateway</html>', 'text/html'));
    await expect(api.get('/mocks')).rejects.toMatchObject({ status: 502, code: 'http_error' });
  });

  it('turns a network failure into an error that says so', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    await expect(api.get('/mocks')).rejects.toMatchObject({ code: 'network_error' });
  });

  it('sends JSON bodies and accepts 204', async () => {
    const fetch = respond(204);
    vi.stubGlobal('fetch', fetch);
    await expect(api.patch('/mocks/a', { mock_enabled: false })).resolves.toBeUndefined();
    const [, init] = fetch.mock.calls[0] as [string, RequestInit];
    expect(init.method).toBe('PATCH');
    expect(init.body).toBe('{"mock_enabled":false}');
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
  });

  it('leaves empty query values out', () => {
    expect(buildUrl('/mocks', { search: '', mode: null, limit: 0 })).toBe('/api/admin/mocks?limit=0');
  });
});
