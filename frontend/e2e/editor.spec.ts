import { expect, test, unique } from './fixtures';

test('the template preview renders, and shows the line of a broken template', async ({ page }) => {
  await page.goto('mocks/new');
  await page.getByRole('textbox', { name: 'Path', exact: true }).fill('/users/{id}');
  await page.getByRole('switch', { name: 'is_template' }).press('Space');
  const body = page.getByRole('textbox', { name: 'Body', exact: true });
  await body.fill('{"id": "{{ request.path_params.id }}", "method": "{{ request.method }}"}');

  const preview = page.getByRole('group', { name: 'Template preview' });
  await preview.getByRole('textbox', { name: 'Sample path' }).fill('/users/42');
  const output = preview.getByRole('region', { name: 'Output' });
  await expect(output).toHaveText('{"id": "42", "method": "GET"}');

  await body.fill('line one\n{{ request.path ');
  const error = preview.getByRole('alert');
  await expect(error).toContainText('Template error');
  await expect(error).toContainText('Line 2');
});

test('the variant editor saves weights and shows their shares', async ({ page, api }) => {
  const mock = await api.createMock({
    mock_name: unique('Variants'),
    match_method: 'GET',
    match_path: `/v/${unique('p')}`,
  });
  await page.goto(`mocks/${mock.mock_id}`);
  await expect(page.getByRole('heading', { level: 1, name: String(mock.mock_name) })).toBeVisible();

  await page.getByRole('button', { name: 'Add variant', exact: true }).click();
  await page.getByRole('button', { name: 'Add variant', exact: true }).click();
  await page.getByRole('textbox', { name: 'Variant 1 weight' }).fill('3');
  await page.getByRole('textbox', { name: 'Variant 2 weight' }).fill('1');
  await page.getByRole('textbox', { name: 'Variant 2 status' }).fill('503');
  await page.getByRole('textbox', { name: 'Variant 1 body', exact: true }).fill('{"ok": true}');

  const shares = page.getByRole('group', { name: 'Variant shares' });
  await expect(shares).toContainText('Variant 1: 75 %');
  await expect(shares).toContainText('Variant 2: 25 %');

  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Unsaved changes')).toHaveCount(0);
  await expect
    .poll(async () => {
      const stored = await api.getMock(String(mock.mock_id));
      return (stored.variants as { weight: number; response: { status: number; body: unknown } }[]).map(
        (v) => [v.weight, v.response.status, v.response.body],
      );
    })
    .toEqual([
      [3, 200, { ok: true }],
      [1, 503, ''],
    ]);

  // Reordering moves the weights with their variants.
  await page.getByRole('button', { name: 'Move variant 2 up' }).click();
  await expect(page.getByRole('textbox', { name: 'Variant 1 weight' })).toHaveValue('1');
  await expect(shares).toContainText('Variant 1: 25 %');
});

test('a field the server refuses shows the server detail on that field', async ({ page, api }) => {
  const name = unique('Bad regex');
  await page.goto('mocks/new');
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await page.getByRole('textbox', { name: 'Path', exact: true }).fill(`/r/${unique('x')}`);
  await page.getByRole('button', { name: 'Add header' }).click();
  await page.getByRole('textbox', { name: 'Header 1 name' }).fill('X-Env');
  await page.getByRole('combobox', { name: 'Header 1 matcher' }).click();
  await page.getByRole('option', { name: 'matches regex' }).click();
  const value = page.getByRole('textbox', { name: 'Header 1 value' });
  await value.fill('(unclosed');
  await page.getByRole('button', { name: 'Save', exact: true }).click();

  await expect(value).toHaveAttribute('aria-invalid', 'true');
  await expect(value).toHaveAccessibleDescription(/match_headers\.X-Env/);
  await expect(page.getByRole('heading', { level: 1, name: 'New mock' })).toBeVisible();
  const list = await api.call('GET', `/api/admin/mocks?search=${encodeURIComponent(name)}`);
  expect(list.json.count).toBe(0);
});

test('the browser refuses what the server would, with the same words', async ({ page }) => {
  await page.goto('mocks/new');
  await page.getByRole('textbox', { name: 'Status', exact: true }).fill('42');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('textbox', { name: 'Name', exact: true })).toHaveAccessibleDescription(
    'mock_name: must not be empty',
  );
  await expect(page.getByRole('textbox', { name: 'Status', exact: true })).toHaveAccessibleDescription(
    'response_status: must be an HTTP status between 100 and 599, got 42',
  );
});

test('Ctrl+K goes to a mock by name; / focuses the search; Esc closes', async ({ page, api }) => {
  const mock = await api.createMock({
    mock_name: unique('Palette target'),
    match_method: 'GET',
    match_path: `/k/${unique('p')}`,
  });
  await page.goto('');
  await expect(page.getByRole('heading', { level: 1, name: 'Mocks' })).toBeVisible();
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox', { name: 'Search' })).toBeFocused();
  await page.keyboard.press('Escape');
  await page.getByRole('heading', { level: 1 }).click();

  await page.keyboard.press('Control+k');
  const palette = page.getByRole('textbox', { name: 'Go to' });
  await expect(palette).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(palette).toBeHidden();

  await page.keyboard.press('Control+k');
  await palette.fill(String(mock.mock_name));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: String(mock.mock_name) })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/admin/mocks/${mock.mock_id}$`));
});
