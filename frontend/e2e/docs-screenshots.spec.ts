// The README's screenshot (docs/img/), taken against the real binary with a
// few demo mocks. Skipped unless MIMICUS_DOCS_SCREENSHOTS=1, so `make test`
// never rewrites a committed file:
//   MIMICUS_DOCS_SCREENSHOTS=1 npx playwright test e2e/docs-screenshots.spec.ts

import { join } from 'node:path';

import { expect, test } from './fixtures';

const IMG = join(import.meta.dirname, '../../docs/img');

test.skip(!process.env.MIMICUS_DOCS_SCREENSHOTS, 'set MIMICUS_DOCS_SCREENSHOTS=1 to refresh docs/img');

test('the Mocks page for the README', async ({ page, api, server }) => {
  const demo = [
    { mock_id: 'get-user', mock_name: 'Get a user', match_method: 'GET', match_path: '/api/users/{id}', mock_tags: ['users'], is_template: true, response_body: '{"id": "{{ request.path_params.id }}", "name": "{{ faker.name() }}"}' },
    { mock_id: 'create-order', mock_name: 'Create an order', match_method: 'POST', match_path: '/api/orders', mock_tags: ['orders'], response_status: 201, response_body: { order: 1001 } },
    { mock_id: 'cart', mock_name: 'Cart (session state)', match_method: 'GET', match_path: '/api/cart', mock_tags: ['orders'], is_template: true, response_body: '{"items": {{ json_dumps(state.get("cart", [])) }}}' },
    { mock_id: 'flaky-payments', mock_name: 'Flaky payments', match_method: 'POST', match_path: '/api/payments', mock_tags: ['payments'], error_rate: 20, response_delay_ms: 150 },
    { mock_id: 'legacy-search', mock_name: 'Legacy search (proxy)', match_method: 'GET', match_path: '/search', mock_mode: 'proxy', upstream_url: 'http://127.0.0.1:9', mock_enabled: false },
  ];
  const imported = await api.call('POST', '/api/admin/mocks/bulk-import?upsert=true', { mocks: demo });
  expect(imported.status, imported.text).toBe(200);
  for (let i = 0; i < 7; i++) await fetch(`${server.url}/api/users/${i}`);
  for (let i = 0; i < 3; i++) await fetch(`${server.url}/api/orders`, { method: 'POST' });

  await page.setViewportSize({ width: 1280, height: 640 });
  await page.addInitScript(() => localStorage.setItem('mantine-color-scheme-value', 'light'));
  await page.goto('');
  await expect(page.getByRole('link', { name: 'Get a user' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Get a user' })).toContainText('7');
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: join(IMG, 'admin-mocks.png') });
});
