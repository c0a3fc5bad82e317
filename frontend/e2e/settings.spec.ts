// Settings against the real binary: an API key is created, shown once,
// listed and revoked; the server info is shown. Its own server, since the
// first key closes the admin API.

import { expect, test as base } from '@playwright/test';

import { expectAccessible } from './fixtures';
import { startServer, type RunningServer } from './server';

const test = base.extend<object, { own: RunningServer }>({
  own: [
    async ({}, use) => {
      const server = await startServer();
      await use(server);
      await server.stop();
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ own }, use) => use(`${own.url}/admin/`),
});

test('an API key is created, shown once, listed, used, and revoked', async ({ page, own }) => {
  await page.goto('settings');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  const info = page.getByRole('table', { name: 'Server info' });
  await expect(info.getByRole('row', { name: /Listen address/ })).toContainText(new URL(own.url).host);
  await expect(info.getByRole('row', { name: /Database/ })).toContainText('SQLite');
  await expect(info.getByRole('row', { name: /Admin API key/ })).toContainText('not required');

  const name = page.getByRole('textbox', { name: 'Name' });
  await page.getByRole('button', { name: 'Create key' }).click();
  await expect(name).toHaveAccessibleDescription(/name: must be 1 to 100 characters/);

  await name.fill('e2e laptop');
  await name.press('Enter');
  const shown = page.getByRole('textbox', { name: 'New API key' });
  await expect(shown).toHaveValue(/^mk_/);
  const key = await shown.inputValue();
  await expect(page.getByText('Copy the new key now')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Copy' })).toBeVisible();
  await expectAccessible(page, 'settings with a new key');

  // The key works, and the server now needs one; this browser adopted it.
  expect((await fetch(`${own.url}/api/admin/mocks`)).status).toBe(401);
  expect((await fetch(`${own.url}/api/admin/mocks`, { headers: { 'X-API-Key': key } })).status).toBe(200);
  expect(await page.evaluate(() => localStorage.getItem('mimicus.apiKey'))).toBe(key);
  await expect(info.getByRole('row', { name: /Admin API key/ })).toContainText('required');

  const list = page.getByRole('table', { name: 'API keys' });
  const row = list.getByRole('row').filter({ hasText: 'e2e laptop' });
  await expect(row).toContainText(key.slice(0, 12));
  await expect(row).toContainText('this browser');

  // Shown once: after a reload the full key is nowhere on the page.
  await page.reload();
  await expect(list.getByRole('row').filter({ hasText: 'e2e laptop' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'New API key' })).toHaveCount(0);
  expect(await page.content()).not.toContain(key);

  // A second key, then revoke the first after confirming.
  await name.fill('ci');
  await name.press('Enter');
  const second = await page.getByRole('textbox', { name: 'New API key' }).inputValue();
  await page.getByRole('button', { name: 'Done' }).click();
  await list.getByRole('row').filter({ hasText: 'ci' }).getByRole('button', { name: 'Revoke' }).click();
  const confirm = page.getByRole('dialog', { name: 'Revoke this key?' });
  await confirm.getByRole('button', { name: 'Revoke key' }).click();
  await expect(list.getByRole('row').filter({ hasText: /^ci/ })).toHaveCount(0);
  expect((await fetch(`${own.url}/api/admin/mocks`, { headers: { 'X-API-Key': second } })).status).toBe(401);

  // Revoking this browser's own key logs it out: the login screen asks for one.
  await list
    .getByRole('row')
    .filter({ hasText: 'e2e laptop' })
    .getByRole('button', { name: 'Revoke' })
    .click();
  await expect(confirm).toContainText('This browser uses it and will be logged out.');
  await confirm.getByRole('button', { name: 'Revoke key' }).click();
  await expect.poll(() => page.evaluate(() => localStorage.getItem('mimicus.apiKey'))).toBeNull();
  expect((await fetch(`${own.url}/api/admin/api-keys`)).status).toBe(200);
});
