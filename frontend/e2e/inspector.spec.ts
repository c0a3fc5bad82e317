// The Inspector against the real binary: the live timeline, pause/resume,
// near misses condition by condition, "create mock from this request", and
// the traffic panel on the Mocks page.

import { expect, expectAccessible, saveScreenshot, test, unique } from './fixtures';

test('a request made after the page opened appears without reload; paused, new ones are counted', async ({
  page,
  api,
}) => {
  const prefix = `/${unique('live')}`;
  await page.goto(`inspector?path=${encodeURIComponent(prefix)}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Inspector' })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText('Live');

  await api.call('GET', `${prefix}/first`);
  await expect(page.getByRole('link', { name: `${prefix}/first` })).toBeVisible();

  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('status')).toHaveText('Paused');
  await api.call('GET', `${prefix}/second`);
  await api.call('POST', `${prefix}/third`, { a: 1 });
  await expect(page.getByText('2 new requests')).toBeVisible();
  await expect(page.getByRole('link', { name: `${prefix}/second` })).toHaveCount(0);

  await page.getByRole('button', { name: 'Resume (2 new)' }).click();
  await expect(page.getByRole('link', { name: `${prefix}/third` })).toBeVisible();
  await expect(page.getByRole('link', { name: `${prefix}/second` })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText('Live');
});

test('an unmatched request shows its near misses, and a mock created from it then matches', async ({
  page,
  api,
}) => {
  const path = `/${unique('orders')}`;
  await api.createMock({
    mock_name: 'Prod orders',
    match_method: 'GET',
    match_path: path,
    match_headers: { 'X-Env': 'prod' },
  });
  await page.goto(`inspector?outcome=unmatched&path=${encodeURIComponent(path)}`);
  await expect(page.getByRole('status')).toHaveText('Live');
  const missed = await api.call('POST', `${path}?page=2`, { sku: 'A1', qty: 2 }, { 'X-Env': 'dev' });
  expect(missed.status).toBe(404);

  await page.getByRole('link', { name: path, exact: true }).click();
  const detail = page.getByRole('region', { name: 'Request detail' });
  await expect(detail.getByRole('heading', { name: `POST ${path}?page=2` })).toBeVisible();
  const why = detail.getByRole('table', { name: 'Why Prod orders did not match' });
  await expect(why.getByRole('row', { name: 'method GET POST fail' })).toBeVisible();
  await expect(why.getByRole('row', { name: 'header X-Env "prod" "dev" fail' })).toBeVisible();
  await expect(why.getByRole('row', { name: `path ${path} ${path} pass` })).toBeVisible();
  await expectAccessible(page, 'inspector detail');
  await saveScreenshot(page, 'inspector-near-misses');

  await page.keyboard.press('Escape');
  await expect(detail).toHaveCount(0);
  await page.getByRole('link', { name: path, exact: true }).click();

  await detail.getByRole('link', { name: 'Create mock from this request' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New mock' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Path', exact: true })).toHaveValue(path);
  await expect(page.getByRole('textbox', { name: 'Name', exact: true })).toHaveValue(`POST ${path}`);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: `POST ${path}` })).toBeVisible();

  const again = await api.call('POST', `${path}?page=2`, { sku: 'A1', qty: 2 }, { 'X-Env': 'dev' });
  expect(again.status, again.text).toBe(200);
  expect(again.json).toEqual({ message: `TODO: the response to POST ${path}` });
});

test('the traffic panel shows a rate and each hit mock a sparkline', async ({ page, api }) => {
  const name = unique('Busy');
  const mock = await api.createMock({ mock_name: name, match_method: 'GET', match_path: `/${name}` });
  await page.goto('');
  const traffic = page.getByRole('region', { name: 'Traffic' });
  await expect(traffic.getByRole('group', { name: 'Requests/s' })).toBeVisible();
  // The rate averages the last 10 s, and the panel refreshes every 2 s.
  for (let i = 0; i < 5; i++) await api.call('GET', `/${name}`);
  await expect(traffic.getByRole('group', { name: 'Requests/s' })).toHaveText(/^Requests\/s(0\.[1-9]|[1-9])/);
  await expect(traffic.getByRole('group', { name: 'Matched', exact: true })).not.toHaveText('Matched0');
  await expect(traffic.getByRole('img', { name: /matched/ })).toBeVisible();
  await expect(page.getByRole('img', { name: `${name}: 5 hits in the last 5 minutes` })).toBeVisible();
  expect(mock.mock_id).toBeTruthy();
});
