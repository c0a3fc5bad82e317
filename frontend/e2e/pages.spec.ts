// Every page in light and dark: its h1, no serious or critical axe
// violation, and a screenshot in e2e-screenshots/ (ignored by git).

import { expect, expectAccessible, saveScreenshot, test } from './fixtures';

const PAGES = [
  { name: 'mocks', path: '', h1: 'Mocks' },
  { name: 'mock-new', path: 'mocks/new', h1: 'New mock' },
  // The inspector keeps its live stream open, so the network is never idle.
  { name: 'inspector', path: 'inspector', h1: 'Inspector', live: true },
  { name: 'inspector-entry', path: 'inspector/1', h1: 'Inspector', live: true },
  { name: 'state', path: 'state', h1: 'State' },
  { name: 'state-session', path: 'state?session=screenshot-session', h1: 'State' },
  { name: 'recording', path: 'recording', h1: 'Recording' },
  { name: 'settings', path: 'settings', h1: 'Settings' },
];

for (const theme of ['light', 'dark'] as const) {
  test.describe(`${theme} theme`, () => {
    test.beforeEach(async ({ page, api }) => {
      await page.addInitScript((t) => localStorage.setItem('mantine-color-scheme-value', t), theme);
      // A session with state, for the State page.
      await api.call('POST', '/api/admin/state/screenshot-session', {
        state_key: 'cart',
        state_value: { items: ['apple', 'pear'], coupon: null },
      });
      // Something to show on the list and in the editor.
      await api.call('POST', '/api/admin/mocks/bulk-import?upsert=true', {
        mocks: [
          {
            mock_id: 'screenshot-user',
            mock_name: 'Get a user',
            match_method: 'GET',
            match_path: '/api/users/{id}',
            mock_tags: ['users', 'demo'],
            match_headers: { 'X-Env': { regex: '^(dev|test)$' } },
            match_body: [{ jsonpath: '$.role', equals: 'admin' }],
            response_body: { id: '{{ request.path_params.id }}', name: '{{ faker.name() }}' },
            variants: [
              { weight: 80, response: { status: 200, body: { ok: true } } },
              { weight: 20, response: { status: 503, body: 'try later' } },
            ],
          },
          {
            mock_id: 'screenshot-orders',
            mock_name: 'List orders',
            match_method: 'POST',
            match_path: '/api/orders',
            mock_enabled: false,
            mock_tags: ['orders'],
            response_status: 201,
          },
        ],
      });
    });

    for (const p of PAGES) {
      test(`${p.name} has its h1, no serious accessibility problem, and a screenshot`, async ({ page }) => {
        await page.goto(p.path);
        await expect(page.getByRole('heading', { level: 1, name: p.h1, exact: true })).toBeVisible();
        await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', theme);
        if ('live' in p) await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
        else await page.waitForLoadState('networkidle');
        await expectAccessible(page, `${p.name} (${theme})`);
        await saveScreenshot(page, `${p.name}-${theme}`);
      });
    }

    test('the mock editor has no serious accessibility problem and a screenshot', async ({ page }) => {
      await page.goto('mocks/screenshot-user');
      await expect(page.getByRole('heading', { level: 1, name: 'Get a user' })).toBeVisible();
      await expect(page.getByRole('textbox', { name: 'Variant 1 body', exact: true })).toBeVisible();
      await page.waitForLoadState('networkidle');
      await expectAccessible(page, `mock editor (${theme})`);
      await saveScreenshot(page, `mock-editor-${theme}`);
    });

    test('the login screen has no serious accessibility problem', async ({ page }) => {
      await page.route('**/api/admin/**', (route) =>
        route.fulfill({ status: 401, json: { error: 'unauthorized', detail: 'an API key is required' } }),
      );
      await page.goto('');
      await expect(page.getByLabel('API key')).toBeVisible();
      await expectAccessible(page, `login (${theme})`);
      await saveScreenshot(page, `login-${theme}`);
    });
  });
}

test('the Mocks page is usable on a narrow window', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('');
  await expect(page.getByRole('heading', { level: 1, name: 'Mocks' })).toBeVisible();
  await page.getByRole('button', { name: 'Toggle navigation' }).click();
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expectAccessible(page, 'settings (narrow)');
  await saveScreenshot(page, "narrow-settings");
});
