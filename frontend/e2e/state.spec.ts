// The State page against the real binary: state written by a template
// appears, and editing, incrementing, deleting and clearing reach the server.

import { expect, expectAccessible, test, unique } from './fixtures';

test('state set by a template appears on the State page; edit, increment, delete and clear work', async ({
  page,
  server,
  api,
}) => {
  const session = unique('sess');
  const path = `/e2e/${unique('cart')}`;
  await api.createMock({
    mock_name: unique('Stateful'),
    match_method: 'POST',
    match_path: path,
    is_template: true,
    response_body: '{{ state.set("cart", {"items": 2}) }}{{ state.set("visits", 1) }}{{ state.set("label", "7") }}ok',
  });
  const called = await fetch(server.url + path, { method: 'POST', headers: { 'X-Session-ID': session } });
  expect(called.status).toBe(200);
  expect(await called.text()).toBe('ok');

  await page.goto('state');
  await expect(page.getByRole('heading', { level: 1, name: 'State' })).toBeVisible();
  // `/` focuses the session search; typing a `/` in it stays text.
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('/');
  const search = page.getByRole('searchbox', { name: 'Search sessions' });
  await expect(search).toBeFocused();
  await search.pressSequentially('a/b');
  await expect(search).toHaveValue('a/b');
  await search.fill('');
  await search.pressSequentially(session);
  await page.getByRole('table', { name: 'Sessions' }).getByRole('link', { name: session, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/state\\?session=${session}$`));

  const keys = page.getByRole('table', { name: 'Keys' });
  const row = (key: string) => keys.getByRole('row').filter({ has: page.getByText(key, { exact: true }) });
  await expect(row('cart')).toContainText('"items": 2');
  await expect(row('label')).toContainText('"7"');
  await expectAccessible(page, 'state page with a session');

  // The selected session survives a reload.
  await page.reload();
  await expect(row('visits')).toContainText('1');

  await row('visits').getByRole('button', { name: 'Increment' }).click();
  await expect(row('visits')).toContainText('2');
  expect((await api.call('GET', `/api/admin/state/${session}/visits`)).json.state_value).toBe(2);

  // A string is not an integer: the server's 409 is shown.
  await row('label').getByRole('button', { name: 'Increment' }).click();
  await expect(page.getByText(/Could not increment label/)).toBeVisible();

  await row('cart').getByRole('button', { name: 'Edit' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit cart' });
  const value = dialog.getByRole('textbox', { name: 'Value (JSON)' });
  await value.fill('{"items": ');
  await dialog.getByRole('button', { name: 'Save value' }).click();
  await expect(value).toHaveAccessibleDescription(/state_value: must be valid JSON/);
  await value.fill('{"items": 3, "coupon": null}');
  await dialog.getByRole('button', { name: 'Save value' }).click();
  await expect(dialog).toBeHidden();
  await expect(row('cart')).toContainText('"items": 3');
  expect((await api.call('GET', `/api/admin/state/${session}/cart`)).json.state_value).toEqual({
    items: 3,
    coupon: null,
  });

  await row('label').getByRole('button', { name: 'Delete' }).click();
  await expect(row('label')).toHaveCount(0);
  expect((await api.call('GET', `/api/admin/state/${session}/label`)).status).toBe(404);

  await page.getByRole('button', { name: 'Clear session' }).click();
  await page.getByRole('dialog', { name: 'Clear this session?' }).getByRole('button', { name: 'Clear' }).click();
  await expect(page).toHaveURL(/\/admin\/state$/);
  expect((await api.call('GET', `/api/admin/state/${session}`)).json.count).toBe(0);
});
