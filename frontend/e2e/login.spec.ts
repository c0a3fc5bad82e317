import { expect, test as base } from '@playwright/test';

import { startServer, type RunningServer } from './server';

const KEY = 'e2e-admin-key-0123456789';

// This file's server requires an API key (SPEC §11).
const test = base.extend<object, { keyed: RunningServer }>({
  keyed: [
    async ({}, use) => {
      const server = await startServer(['--api-key', KEY]);
      await use(server);
      await server.stop();
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ keyed }, use) => use(`${keyed.url}/admin/`),
});

test('with an API key configured, the login screen asks for it and remembers it', async ({ page }) => {
  await page.goto('');
  const field = page.getByLabel('API key');
  await expect(field).toBeVisible();

  await field.fill('not-the-key');
  await field.press('Enter');
  await expect(field).toHaveAccessibleDescription(/refused/);

  await field.fill(KEY);
  await field.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Mocks' })).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem('mimicus.apiKey'))).toBe(KEY);

  // The key is sent as a header, never in a URL.
  const requests: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/admin/')) requests.push(`${r.url()} ${r.headers()['x-api-key'] ?? ''}`);
  });
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Mocks' })).toBeVisible();
  expect(requests.length).toBeGreaterThan(0);
  for (const line of requests) {
    expect(line.endsWith(` ${KEY}`), line).toBe(true);
    expect(line.split(' ')[0]).not.toContain(KEY);
  }

  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByLabel('API key')).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem('mimicus.apiKey'))).toBeNull();
});
