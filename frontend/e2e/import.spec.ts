// The import dialog (SPEC §13, issue 18) against the real binary: another
// tool's file in, a dry-run preview, then mocks that answer over HTTP.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Locator, Page } from '@playwright/test';

import { expect, expectAccessible, saveScreenshot, test, unique } from './fixtures';
import { startServer } from './server';

const FIXTURES = join(import.meta.dirname, '../../tests/fixtures');

async function openImport(page: Page): Promise<Locator> {
  await page.goto('');
  await page.getByRole('button', { name: 'Import' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import mocks' });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Picks a file the way a person does: the "File" button opens the chooser. */
async function chooseFile(
  page: Page,
  dialog: Locator,
  file: string | { name: string; content: string },
) {
  const chooser = page.waitForEvent('filechooser');
  await dialog.getByRole('button', { name: 'File', exact: true }).click();
  await (
    await chooser
  ).setFiles(
    typeof file === 'string'
      ? file
      : {
          name: file.name,
          mimeType: 'application/octet-stream',
          buffer: Buffer.from(file.content),
        },
  );
}

async function mockCount(api: {
  call: (m: string, p: string) => Promise<{ json: Record<string, unknown> }>;
}) {
  return Number((await api.call('GET', '/api/admin/mocks')).json.count);
}

test('the Petstore spec is previewed with a dry run, then imported mocks answer over HTTP', async ({
  page,
  server,
  api,
}) => {
  const dialog = await openImport(page);
  await chooseFile(page, dialog, join(FIXTURES, 'petstore-openapi3.yaml'));

  const preview = dialog.getByRole('table', { name: 'Import preview' });
  await expect(preview).toBeVisible();
  await expect(dialog.getByRole('combobox', { name: 'Format' })).toHaveAccessibleDescription(
    'Detected: OpenAPI / Swagger',
  );
  await expect(dialog.getByText('OpenAPI / Swagger: 3 to create.')).toBeVisible();
  for (const [id, request] of [
    ['listPets', 'GET /v1/pets'],
    ['createPets', 'POST /v1/pets'],
    ['showPetById', 'GET /v1/pets/{petId}'],
  ]) {
    const row = preview.getByRole('row').filter({ hasText: id });
    await expect(row).toContainText('Create');
    await expect(row).toContainText(request!);
  }
  // A dry run stores nothing.
  expect((await api.call('GET', '/api/admin/mocks/showPetById')).status).toBe(404);
  await expect(dialog.getByRole('checkbox', { name: /dynamic/ })).toBeEnabled();
  await expectAccessible(page, 'import dialog with a preview');
  await saveScreenshot(page, 'import-preview-light');

  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText('Imported 3 mocks')).toBeVisible();
  await expect(dialog).toBeHidden();
  // The list refreshed by itself.
  await expect(page.getByRole('link', { name: 'Info for a specific pet' })).toBeVisible();

  const response = await fetch(`${server.url}/v1/pets/7`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('application/json');
  const pet = (await response.json()) as Record<string, unknown>;
  expect(typeof pet.id).toBe('number');
  expect(typeof pet.name).toBe('string');
});

test('WireMock mappings dropped on the dialog show their warnings per stub, then import', async ({
  page,
  server,
}) => {
  await page.addInitScript(() => localStorage.setItem('mantine-color-scheme-value', 'dark'));
  const dialog = await openImport(page);
  const content = readFileSync(join(FIXTURES, 'wiremock-mappings.json'), 'utf8');
  const dataTransfer = await page.evaluateHandle((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'mappings.json', { type: 'application/json' }));
    return transfer;
  }, content);
  await dialog.getByText(/Drop an OpenAPI or Swagger spec/).dispatchEvent('drop', { dataTransfer });

  const preview = dialog.getByRole('table', { name: 'Import preview' });
  await expect(preview).toBeVisible();
  await expect(dialog.getByRole('combobox', { name: 'Format' })).toHaveAccessibleDescription(
    'Detected: WireMock mappings',
  );
  await expect(dialog.getByText('WireMock mappings: 9 to create, 2 warnings.')).toBeVisible();
  await expect(preview.getByRole('row').filter({ hasText: 'Cart after checkout' })).toContainText(
    'scenario "checkout" (a state machine) has no equivalent',
  );
  await expect(preview.getByRole('row').filter({ hasText: 'Flaky legacy endpoint' })).toContainText(
    'fault CONNECTION_RESET_BY_PEER',
  );
  await expect(preview.getByRole('row').filter({ hasText: 'Get user' })).toContainText('none');
  await expect(dialog.getByRole('checkbox', { name: /dynamic/ })).toBeDisabled();
  expect((await fetch(`${server.url}/api/cart`)).status).toBe(404);
  await expectAccessible(page, 'import dialog with warnings (dark)');
  await saveScreenshot(page, 'import-preview-dark');

  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText('Imported 9 mocks')).toBeVisible();
  await expect(page.getByText('WireMock mappings: 9 created, 2 warnings.')).toBeVisible();
  const cart = await fetch(`${server.url}/api/cart`);
  expect(cart.status).toBe(200);
  expect(await cart.json()).toEqual({ items: [], state: 'paid' });
});

test('a Mimicus export lists the item it would skip and why', async ({ page, api }) => {
  const id = unique('exported');
  const dialog = await openImport(page);
  await dialog.getByRole('tab', { name: 'Paste' }).click();
  await dialog.getByRole('textbox', { name: 'Document' }).fill(
    JSON.stringify({
      mocks: [
        { mock_id: id, mock_name: 'Exported', match_method: 'GET', match_path: `/i/${id}` },
        { mock_name: 'Broken', match_method: 'GET', match_path: '/x', response_status: 42 },
      ],
    }),
  );
  const preview = dialog.getByRole('table', { name: 'Import preview' });
  await expect(preview.getByRole('row').filter({ hasText: id })).toContainText('Create');
  await expect(preview.getByRole('row').filter({ hasText: '#1' })).toContainText(
    /Skip.*response_status: must be an HTTP status/,
  );
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText('Imported 1 mock', { exact: true })).toBeVisible();
  expect((await api.getMock(id)).mock_name).toBe('Exported');
});

test('a broken file shows where it breaks, and nothing is stored', async ({ page, api }) => {
  const before = await mockCount(api);
  const dialog = await openImport(page);
  await chooseFile(page, dialog, {
    name: 'broken.yaml',
    content: 'openapi: 3.0.0\n  - broken: [\npaths: {}\n',
  });

  const alert = dialog.getByRole('alert');
  await expect(alert).toContainText('The file is not valid JSON or YAML');
  await expect(alert).toContainText(/at line 2 column \d+/);
  await expect(alert.locator('pre')).toContainText('2 |   - broken: [');
  await expect(dialog.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();
  await expectAccessible(page, 'import dialog with an error');
  await saveScreenshot(page, 'import-error-light');

  // An unresolvable $ref: a 422 naming its place with a JSON Pointer.
  await chooseFile(page, dialog, {
    name: 'missing-ref.json',
    content: JSON.stringify({
      openapi: '3.0.0',
      info: { title: 'Broken', version: '1' },
      paths: {
        '/pets': {
          get: {
            responses: {
              '200': {
                description: 'ok',
                content: {
                  'application/json': { schema: { $ref: '#/components/schemas/Missing' } },
                },
              },
            },
          },
        },
      },
    }),
  });
  await expect(alert).toContainText('The file cannot be imported');
  await expect(alert).toContainText(
    'Where in the file: /paths/~1pets/get/responses/200/content/application~1json/schema/$ref',
  );
  await expect(alert).toContainText("'#/components/schemas/Missing'");
  await expect(dialog.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();

  expect(await mockCount(api)).toBe(before);
});

test('a file over the server body limit is refused as too large', async ({ browser }) => {
  const small = await startServer(['--body-limit', '4096']);
  const page = await browser.newPage({ baseURL: `${small.url}/admin/` });
  try {
    const dialog = await openImport(page);
    await chooseFile(page, dialog, join(FIXTURES, 'shop-session.har')); // 20 KB
    const alert = dialog.getByRole('alert');
    await expect(alert).toContainText('The file is too large for the server');
    await expect(alert).toContainText('--body-limit');
    const listed = await fetch(`${small.url}/api/admin/mocks`);
    expect(((await listed.json()) as { count: number }).count).toBe(0);
  } finally {
    await page.close();
    await small.stop();
  }
});
