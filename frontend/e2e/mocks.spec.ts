import { expect, test, unique } from './fixtures';

test('a mock created in the editor answers over HTTP', async ({ page, server }) => {
  const path = `/e2e/${unique('hello')}`;
  await page.goto('mocks/new');
  await expect(page.getByRole('heading', { level: 1, name: 'New mock' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Hello from the editor');
  await page.getByRole('textbox', { name: 'Path', exact: true }).fill(path);
  await page.getByRole('textbox', { name: 'Status', exact: true }).fill('201');
  await page.getByRole('textbox', { name: 'Body', exact: true }).fill('{"greeting": "hi"}');
  await page.getByRole('button', { name: 'Save', exact: true }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Hello from the editor' })).toBeVisible();
  await expect(page).toHaveURL(/\/admin\/mocks\/[0-9a-f-]{36}$/);

  const response = await fetch(server.url + path);
  expect(response.status).toBe(201);
  expect(await response.json()).toEqual({ greeting: 'hi' });
});

test('switching a mock off in the list makes it answer 404', async ({ page, server, api }) => {
  const path = `/e2e/${unique('toggle')}`;
  const mock = await api.createMock({
    mock_name: unique('Toggle me'),
    match_method: 'GET',
    match_path: path,
    response_body: 'on',
  });
  expect((await fetch(server.url + path)).status).toBe(200);

  await page.goto(`?search=${encodeURIComponent(String(mock.mock_name))}`);
  const row = page.getByRole('row').filter({ hasText: String(mock.mock_name) });
  const enabled = row.getByRole('switch', { name: 'Enabled' });
  await expect(enabled).toBeChecked();
  // The switch is a checkbox styled as a track: operate it as a keyboard user does.
  await enabled.press('Space');
  await expect(enabled).not.toBeChecked();

  await expect.poll(async () => (await fetch(server.url + path)).status).toBe(404);
  expect((await api.getMock(String(mock.mock_id))).mock_enabled).toBe(false);
});

test('search and filters are in the URL and survive a reload', async ({ page, api }) => {
  const tag = unique('tag');
  const name = unique('Filtered');
  await api.createMock({ mock_name: `${name} on`, match_method: 'GET', match_path: `/f/${tag}/on`, mock_tags: [tag] });
  await api.createMock({
    mock_name: `${name} off`,
    match_method: 'GET',
    match_path: `/f/${tag}/off`,
    mock_tags: [tag],
    mock_enabled: false,
  });

  await page.goto('');
  await page.getByRole('searchbox', { name: 'Search' }).fill(name);
  await page.getByRole('combobox', { name: 'Show' }).click();
  await page.getByRole('option', { name: 'Disabled only' }).click();
  await page.getByRole('combobox', { name: 'Tag' }).click();
  await page.getByRole('option', { name: tag }).click();

  await expect
    .poll(() => Object.fromEntries(new URL(page.url()).searchParams))
    .toEqual({ search: name, enabled: 'false', tag });
  await expect(page.getByRole('link', { name: `${name} off` })).toBeVisible();
  await expect(page.getByRole('link', { name: `${name} on` })).toHaveCount(0);

  await page.reload();
  await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue(name);
  await expect(page.getByRole('combobox', { name: 'Show' })).toHaveValue('Disabled only');
  await expect(page.getByRole('link', { name: `${name} off` })).toBeVisible();
  await expect(page.getByRole('link', { name: `${name} on` })).toHaveCount(0);
});

test('a deleted mock comes back with Undo', async ({ page, server, api }) => {
  const path = `/e2e/${unique('undo')}`;
  const mock = await api.createMock({ mock_name: unique('Undo me'), match_method: 'GET', match_path: path });
  await page.goto(`?search=${encodeURIComponent(String(mock.mock_name))}`);
  const row = page.getByRole('row').filter({ hasText: String(mock.mock_name) });
  await row.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('link', { name: String(mock.mock_name) })).toHaveCount(0);
  expect((await api.call('GET', `/api/admin/mocks/${mock.mock_id}`)).status).toBe(404);

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('link', { name: String(mock.mock_name) })).toBeVisible();
  expect((await api.getMock(String(mock.mock_id))).match_path).toBe(path);
  expect((await fetch(server.url + path)).status).toBe(200);
});

test('hits and the last hit time show per mock', async ({ page, server, api }) => {
  const path = `/e2e/${unique('hits')}`;
  const mock = await api.createMock({ mock_name: unique('Counted'), match_method: 'GET', match_path: path });
  for (let i = 0; i < 3; i++) await fetch(server.url + path);
  await page.goto(`?search=${encodeURIComponent(String(mock.mock_name))}`);
  const row = page.getByRole('row').filter({ hasText: String(mock.mock_name) });
  await expect(row.getByRole('cell', { name: '3', exact: true })).toBeVisible();
  await expect(row).toContainText(/just now|seconds? ago/);
});
