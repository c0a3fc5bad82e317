// The Recording page against the real binary: start → active → stop, and a
// recording of a real (tiny) upstream turned into mocks.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { expect, expectAccessible, test, unique } from './fixtures';

/** A tiny upstream on 127.0.0.1:0 that answers JSON naming the path. */
async function startUpstream(): Promise<{ url: string; close: () => Promise<void> }> {
  const upstream: Server = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ from: 'upstream', path: req.url }));
  });
  await new Promise<void>((ok) => upstream.listen(0, '127.0.0.1', ok));
  const { port } = upstream.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((ok) => upstream.close(() => ok())),
  };
}

/** Stops whatever recording a test left running (one recording per server). */
test.afterEach(async ({ api }) => {
  await api.call('POST', '/api/admin/recording/stop');
});

test('a recording starts, shows as active, refuses a second start, and stops', async ({ page, api }) => {
  await page.goto('recording');
  await expect(page.getByRole('heading', { level: 1, name: 'Recording' })).toBeVisible();
  const url = page.getByRole('textbox', { name: 'Upstream URL' });
  await url.fill('127.0.0.1:9');
  await page.getByRole('button', { name: 'Start recording' }).click();
  await expect(url).toHaveAccessibleDescription(/upstream_url: must be an absolute http:\/\/ or https:\/\/ URL/);

  await url.fill('http://127.0.0.1:9');
  await page.getByRole('textbox', { name: 'Path prefix' }).fill('/rec');
  await page.getByRole('button', { name: 'Start recording' }).click();
  const status = page.getByRole('status', { name: 'Recording status' });
  await expect(status).toContainText('Recording');
  await expect(status).toContainText('0 captured');
  await expect(status).toContainText('http://127.0.0.1:9 for requests under /rec');
  await expect(page.getByText(/Nothing captured yet/)).toBeVisible();
  const stored = await api.call('GET', '/api/admin/recording');
  expect(stored.json).toMatchObject({ active: true, upstream_url: 'http://127.0.0.1:9', path_prefix: '/rec' });
  await expectAccessible(page, 'recording (active)');

  // Another client's start is refused with 409 while this one runs.
  const second = await api.call('POST', '/api/admin/recording/start', { upstream_url: 'http://127.0.0.1:8' });
  expect(second.status).toBe(409);

  await page.getByRole('checkbox', { name: 'Create mocks from the captures' }).uncheck();
  await page.getByRole('button', { name: 'Stop recording' }).click();
  await expect(status).toContainText('Stopped');
  await expect(page.getByText('Recording stopped')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start recording' })).toBeVisible();
  expect((await api.call('GET', '/api/admin/recording')).json.active).toBe(false);
});

test('a start refused with 409 says a recording is already running', async ({ page, api }) => {
  await page.goto('recording');
  await page.getByRole('textbox', { name: 'Upstream URL' }).fill('http://127.0.0.1:9');
  // Someone else starts one after this page loaded.
  expect((await api.call('POST', '/api/admin/recording/start', { upstream_url: 'http://127.0.0.1:8' })).status).toBe(200);
  await page.getByRole('button', { name: 'Start recording' }).click();
  await expect(page.getByText('A recording is already running')).toBeVisible();
  await expect(page.getByText(/is already running \(started/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Stop recording' })).toBeVisible();
});

test('requests through Mimicus appear in the captured list live and become mocks', async ({
  page,
  server,
}) => {
  const upstream = await startUpstream();
  try {
    const prefix = `/${unique('rec')}`;
    await page.goto('recording');
    await page.getByRole('textbox', { name: 'Upstream URL' }).fill(upstream.url);
    await page.getByRole('textbox', { name: 'Path prefix' }).fill(prefix);
    await page.getByRole('button', { name: 'Start recording' }).click();
    await expect(page.getByText(/Nothing captured yet/)).toBeVisible();

    const through = await fetch(`${server.url}${prefix}/users?page=2`);
    expect(through.status).toBe(200);
    expect(await through.json()).toEqual({ from: 'upstream', path: `${prefix}/users?page=2` });

    // Without a reload: the list polls while the recording is active.
    const captured = page.getByRole('table', { name: 'Captured requests' });
    await expect(captured.getByRole('row').filter({ hasText: `${prefix}/users?page=2` })).toContainText('200');
    await expect(page.getByRole('status', { name: 'Recording status' })).toContainText('1 captured');

    await page.getByRole('button', { name: 'Stop recording' }).click();
    const created = page.getByRole('list', { name: 'Created mocks' });
    await expect(page.getByText('Created 1 mock')).toBeVisible();
    const link = created.getByRole('link');
    await expect(link).toHaveCount(1);
    await link.click();
    await expect(page).toHaveURL(/\/admin\/mocks\/[^/]+$/);
    await expect(page.getByRole('textbox', { name: 'Path', exact: true })).toHaveValue(`${prefix}/users`);

    // The upstream is gone; the mock answers.
    await upstream.close();
    const replayed = await fetch(`${server.url}${prefix}/users?page=2`);
    expect(replayed.status).toBe(200);
    expect(await replayed.json()).toEqual({ from: 'upstream', path: `${prefix}/users?page=2` });
  } finally {
    await upstream.close().catch(() => undefined);
  }
});
