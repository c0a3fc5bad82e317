import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { fakeApi, renderApp } from '../../../test/render';
import type { ImportResult } from '../../../types/api';

const stored = (id: string, name: string, method: string, path: string) => ({
  mock_id: id,
  mock_name: name,
  mock_enabled: true,
  mock_mode: 'mock',
  mock_tags: [],
  match_method: method,
  match_path: path,
});

const wiremockAnswer = (dryRun: boolean): ImportResult =>
  ({
    format: 'wiremock',
    dry_run: dryRun,
    created: ['get-user'],
    updated: ['list-users'],
    skipped: ['old-stub'],
    warnings: [
      {
        item: 'get-user',
        message: 'scenario "login" has no Mimicus equivalent; the stub answers in every state',
      },
      { item: 'old-stub', message: 'a mock with this id exists; upsert=true replaces it' },
      { item: '/mappings/3', message: 'a stub without a request was left out' },
    ],
    mocks: [
      stored('get-user', 'Get a user', 'GET', '/users/{id}'),
      stored('list-users', 'list-users', 'GET', '/users'),
    ],
  }) as unknown as ImportResult;

interface Sent {
  url: URL;
  body: FormData;
}

/** The app with `importAnswer` for POST /import; records what was sent. */
function renderWithImport(importAnswer: (url: URL) => [number, unknown]) {
  const sent: Sent[] = [];
  let listCalls = 0;
  vi.stubGlobal(
    'fetch',
    fakeApi({
      'GET /api/admin/mocks': () => {
        listCalls += 1;
        return [200, { mocks: [], count: 0 }];
      },
      'GET /api/admin/mocks/stats': () => [200, { stats: [] }],
      'POST /api/admin/import': (init, url) => {
        sent.push({ url, body: init.body as FormData });
        return importAnswer(url);
      },
    }),
  );
  renderApp('/');
  return { sent, listCalls: () => listCalls };
}

async function openDialog() {
  await userEvent.click(await screen.findByRole('button', { name: 'Import' }));
  return screen.findByRole('dialog', { name: 'Import mocks' });
}

async function paste(dialog: HTMLElement, text: string) {
  await userEvent.click(within(dialog).getByRole('tab', { name: 'Paste' }));
  const box = within(dialog).getByRole('textbox', { name: 'Document' });
  await userEvent.click(box);
  await userEvent.paste(text);
}

/** The alert the dialog shows when the server refuses `text` with `status` and `body`. */
async function refusal(status: number, body: unknown, text: string) {
  const { sent } = renderWithImport(() => [status, body]);
  const dialog = await openDialog();
  await paste(dialog, text);
  return { dialog, sent, alert: await within(dialog).findByRole('alert') };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the import dialog', () => {
  it('previews a pasted document with a dry run: detected format, outcome and warnings per mock', async () => {
    const { sent } = renderWithImport((url) => [
      200,
      wiremockAnswer(url.searchParams.has('dry_run')),
    ]);
    const dialog = await openDialog();
    expect(
      within(dialog).getByText(/Nothing is stored until you press Import/),
    ).toBeInTheDocument();
    await paste(dialog, '{"mappings": []}');

    const table = await within(dialog).findByRole('table', { name: 'Import preview' });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.url.searchParams.get('dry_run')).toBe('true');
    expect(sent[0]?.url.searchParams.has('format')).toBe(false);
    expect(await (sent[0]?.body.get('file') as Blob).text()).toBe('{"mappings": []}');

    expect(within(dialog).getByRole('combobox', { name: 'Format' })).toHaveAccessibleDescription(
      'Detected: WireMock mappings',
    );
    expect(
      within(dialog).getByText(
        'WireMock mappings: 1 to create, 1 to update, 1 to skip, 3 warnings.',
      ),
    ).toBeInTheDocument();

    const created = within(table).getByRole('row', { name: /get-user/ });
    expect(within(created).getByText('Create')).toBeInTheDocument();
    expect(within(created).getByText('Get a user')).toBeInTheDocument();
    expect(within(created).getByText('GET /users/{id}')).toBeInTheDocument();
    expect(within(created).getByRole('listitem')).toHaveTextContent(
      'scenario "login" has no Mimicus equivalent',
    );
    expect(within(table).getByRole('row', { name: /list-users/ })).toHaveTextContent('Update');
    const skipped = within(table).getByRole('row', { name: /old-stub/ });
    expect(skipped).toHaveTextContent('Skip');
    expect(skipped).toHaveTextContent('upsert=true replaces it');
    expect(within(dialog).getByRole('list', { name: 'Other warnings' })).toHaveTextContent(
      '/mappings/3 a stub without a request was left out',
    );
    // WireMock has no schema-generated bodies.
    expect(within(dialog).getByRole('checkbox', { name: /dynamic/ })).toBeDisabled();
  });

  it('imports on "Import": refreshes the mock list, closes and summarises in a notification', async () => {
    const { sent, listCalls } = renderWithImport((url) => {
      const dryRun = url.searchParams.has('dry_run');
      return [dryRun ? 200 : 201, wiremockAnswer(dryRun)];
    });
    const dialog = await openDialog();
    await paste(dialog, '{"mappings": []}');
    await within(dialog).findByRole('table', { name: 'Import preview' });
    await userEvent.click(within(dialog).getByRole('checkbox', { name: /upsert/ }));
    await waitFor(() => expect(sent.at(-1)?.url.searchParams.get('upsert')).toBe('true'));
    await within(dialog).findByRole('table', { name: 'Import preview' });
    const before = listCalls();

    await userEvent.click(within(dialog).getByRole('button', { name: 'Import' }));
    expect(await screen.findByText('Imported 2 mocks')).toBeInTheDocument();
    expect(
      screen.getByText('WireMock mappings: 1 created, 1 updated, 1 skipped, 3 warnings.'),
    ).toBeInTheDocument();
    const stored = sent.at(-1)!;
    expect(stored.url.searchParams.has('dry_run')).toBe(false);
    expect(stored.url.searchParams.get('upsert')).toBe('true');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Import mocks' })).toBeNull());
    await waitFor(() => expect(listCalls()).toBeGreaterThan(before));
  });

  it('sends the chosen format, and offers dynamic bodies for OpenAPI', async () => {
    const { sent } = renderWithImport((url) => [
      200,
      { ...wiremockAnswer(true), format: url.searchParams.get('format') ?? 'openapi' },
    ]);
    const dialog = await openDialog();
    await paste(dialog, 'openapi: 3.0.0');
    await within(dialog).findByRole('table', { name: 'Import preview' });
    expect(within(dialog).getByRole('combobox', { name: 'Format' })).toHaveAccessibleDescription(
      'Detected: OpenAPI / Swagger',
    );
    const dynamic = within(dialog).getByRole('checkbox', { name: /dynamic/ });
    expect(dynamic).toBeEnabled();
    await userEvent.click(dynamic);
    await waitFor(() => expect(sent.at(-1)?.url.searchParams.get('dynamic')).toBe('true'));

    await userEvent.click(within(dialog).getByRole('combobox', { name: 'Format' }));
    // jsdom never runs the dropdown's opening transition: it stays display: none.
    await userEvent.click(
      await screen.findByRole('option', { name: 'HAR (browser network log)', hidden: true }),
    );
    await waitFor(() => expect(sent.at(-1)?.url.searchParams.get('format')).toBe('har'));
    expect(sent.at(-1)?.url.searchParams.has('dynamic')).toBe(false);
    expect(within(dialog).getByRole('checkbox', { name: /dynamic/ })).toBeDisabled();
  });

  it('previews a file dropped on the dialog', async () => {
    const { sent } = renderWithImport(() => [200, wiremockAnswer(true)]);
    const dialog = await openDialog();
    const file = new File(['{"mappings": []}'], 'mappings.json', { type: 'application/json' });
    fireEvent.drop(within(dialog).getByText(/Drop an OpenAPI or Swagger spec/), {
      dataTransfer: { files: [file], types: ['Files'] },
    });
    await within(dialog).findByRole('table', { name: 'Import preview' });
    expect((sent[0]?.body.get('file') as File).name).toBe('mappings.json');
    expect(within(dialog).getByRole('button', { name: /File/ })).toHaveTextContent('mappings.json');
  });

  it('quotes the line a malformed document breaks at, and imports nothing', async () => {
    const { dialog, sent, alert } = await refusal(
      400,
      {
        error: 'malformed_document',
        detail: 'the document is not valid YAML: did not find expected key at line 2 column 3',
      },
      'openapi: 3.0.0\n  - broken: [\npaths: {}',
    );
    expect(alert).toHaveTextContent('The file is not valid JSON or YAML');
    expect(alert).toHaveTextContent('at line 2 column 3');
    expect(await within(alert).findByText('Line 2, column 3:')).toBeInTheDocument();
    expect(alert.querySelector('pre')?.textContent).toBe(
      ['1 | openapi: 3.0.0', '2 |   - broken: [', '  |   ^'].join('\n'),
    );
    expect(within(dialog).getByRole('button', { name: 'Import' })).toBeDisabled();
    expect(sent.every((s) => s.url.searchParams.get('dry_run') === 'true')).toBe(true);
  });

  it('names the place a 422 points at with its JSON Pointer', async () => {
    const { alert } = await refusal(
      422,
      {
        error: 'validation_error',
        field: '/paths/~1pets/get/responses/200/content/application~1json/schema/$ref',
        detail: "$ref '#/components/schemas/Missing' does not point to anything in this document",
      },
      '{"openapi": "3.0.0"}',
    );
    expect(alert).toHaveTextContent('The file cannot be imported');
    expect(alert).toHaveTextContent(
      "$ref '#/components/schemas/Missing' does not point to anything",
    );
    expect(alert).toHaveTextContent(
      'Where in the file: /paths/~1pets/get/responses/200/content/application~1json/schema/$ref (paths › /pets › get › responses › 200 › content › application/json › schema › $ref)',
    );
  });

  it('says a file over the body limit is too large', async () => {
    const { alert } = await refusal(
      413,
      { error: 'payload_too_large', detail: 'the request body is over the 10485760-byte limit' },
      '{"log": {"entries": []}}',
    );
    expect(alert).toHaveTextContent('The file is too large for the server');
    expect(alert).toHaveTextContent('over the 10485760-byte limit');
    expect(alert).toHaveTextContent('--body-limit');
  });
});
