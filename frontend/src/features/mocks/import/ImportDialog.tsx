import {
  Button,
  Checkbox,
  Group,
  Loader,
  Modal,
  Select,
  Stack,
  Tabs,
  Text,
  Textarea,
} from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useEffect, useMemo, useState } from 'react';

import type { ImportFormat, ImportOptions, ImportResult } from '../../../types/api';
import { useImportMocks, useImportPreview } from '../api/queries';
import { FileDrop } from './FileDrop';
import { FORMATS, formatLabel } from './formats';
import { ImportPreview } from './ImportPreview';
import { ImportProblem } from './ImportProblem';
import { countsOf } from './preview';
import { useFileDrop } from './useFileDrop';

type Source = 'file' | 'paste';

/** Pause after the last keystroke in the paste box before a preview runs. */
const PASTE_DEBOUNCE_MS = 400;

// A document's id in the preview's query key: a Blob cannot be hashed.
const documentIds = new WeakMap<Blob, number>();
let lastDocumentId = 0;
function documentId(document: Blob | null): number {
  if (!document) return 0;
  let id = documentIds.get(document);
  if (id === undefined) {
    id = ++lastDocumentId;
    documentIds.set(document, id);
  }
  return id;
}

function summary(result: ImportResult) {
  const stored = result.created.length + result.updated.length;
  return {
    color: result.skipped.length > 0 || result.warnings.length > 0 ? 'yellow' : 'green',
    title: `Imported ${stored} ${stored === 1 ? 'mock' : 'mocks'}`,
    message: `${formatLabel(result.format)}: ${countsOf(result, 'did')}.`,
  };
}

/**
 * The one import of the Mocks page (SPEC §13): a file (chosen or dropped)
 * or pasted text in any supported format, previewed with a dry run as soon
 * as it is there, stored on "Import".
 */
export function ImportDialog({ onClose }: { onClose: () => void }) {
  const [source, setSource] = useState<Source>('file');
  const [file, setFile] = useState<File | null>(null);
  const [text, setText] = useState('');
  const [pasted] = useDebouncedValue(text, PASTE_DEBOUNCE_MS);
  const narrow = useMediaQuery('(max-width: 36em)');
  const [format, setFormat] = useState<ImportFormat | ''>('');
  const [upsert, setUpsert] = useState(false);
  const [dynamic, setDynamic] = useState(false);

  const document = useMemo(() => {
    if (source === 'file') return file;
    return pasted.trim() ? new Blob([pasted], { type: 'text/plain' }) : null;
  }, [source, file, pasted]);
  const id = documentId(document);

  // The format the server recognised in this document (when none is chosen).
  const [detected, setDetected] = useState<{ id: number; format: ImportFormat } | null>(null);
  const readAs = format || (detected?.id === id ? detected.format : null);
  const dynamicApplies = readAs === null || readAs === 'openapi';
  const options: ImportOptions = {
    format: format || undefined,
    upsert,
    dynamic: dynamic && dynamicApplies,
  };

  const preview = useImportPreview(document, id, options);
  const importMocks = useImportMocks();
  const { reset: resetImport } = importMocks;
  useEffect(() => {
    if (preview.data && !format) setDetected({ id, format: preview.data.format });
  }, [preview.data, format, id]);
  // A failed import is about the document and options it was sent with.
  useEffect(() => {
    resetImport();
  }, [resetImport, id, format, upsert, dynamic]);

  const drop = useFileDrop((dropped) => {
    setFile(dropped);
    setSource('file');
  });

  const typing = source === 'paste' && text !== pasted;
  const checking = typing || preview.isFetching;
  const stores = preview.data ? preview.data.created.length + preview.data.updated.length : 0;

  async function runImport() {
    if (!document) return;
    try {
      notifications.show(summary(await importMocks.mutateAsync({ file: document, options })));
      onClose();
    } catch {
      // shown in the dialog from importMocks.error
    }
  }

  return (
    <Modal
      opened
      onClose={onClose}
      title="Import mocks"
      size="xl"
      fullScreen={narrow}
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <Stack {...drop.handlers}>
        <Tabs value={source} onChange={(v) => setSource((v as Source | null) ?? 'file')}>
          <Tabs.List>
            <Tabs.Tab value="file">From a file</Tabs.Tab>
            <Tabs.Tab value="paste">Paste</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="file" pt="sm">
            <FileDrop file={file} onFile={setFile} dragging={drop.dragging} />
          </Tabs.Panel>
          <Tabs.Panel value="paste" pt="sm">
            <Textarea
              label="Document"
              description="JSON or YAML: an OpenAPI spec, WireMock mappings, a Mockoon environment, a HAR or a Mimicus export"
              autosize
              minRows={6}
              maxRows={14}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              spellCheck={false}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            />
          </Tabs.Panel>
        </Tabs>

        <Group align="flex-start" gap="lg" wrap="wrap">
          <Select
            label="Format"
            description={
              format
                ? 'The file is read as this format'
                : readAs
                  ? `Detected: ${formatLabel(readAs)}`
                  : 'Recognised from the file'
            }
            data={[{ value: '', label: 'Recognise from the file' }, ...FORMATS]}
            value={format}
            onChange={(v) => setFormat((v ?? '') as ImportFormat | '')}
            allowDeselect={false}
            w={260}
          />
          <Stack gap="xs" pt={4}>
            <Checkbox
              label="Replace mocks that have the same id (upsert)"
              description="Otherwise they are skipped"
              checked={upsert}
              onChange={(e) => setUpsert(e.currentTarget.checked)}
            />
            <Checkbox
              label="Vary generated bodies on every call (dynamic)"
              description={
                dynamicApplies
                  ? 'OpenAPI only: bodies made from schemas become templates'
                  : 'OpenAPI only'
              }
              checked={dynamic && dynamicApplies}
              disabled={!dynamicApplies}
              onChange={(e) => setDynamic(e.currentTarget.checked)}
            />
          </Stack>
        </Group>

        {!document && !typing && (
          <Text size="sm" c="dimmed">
            Choose a file or paste a document to see what it would import. Nothing is stored until
            you press Import.
          </Text>
        )}
        {checking && (
          <Group gap="xs" role="status">
            <Loader size="xs" />
            <Text size="sm">Reading the document…</Text>
          </Group>
        )}
        {!checking && preview.error && <ImportProblem error={preview.error} document={document} />}
        {!checking && preview.data && <ImportPreview result={preview.data} />}
        {importMocks.error && (
          <ImportProblem error={importMocks.error} document={document} nothingStored />
        )}

        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            onClick={runImport}
            loading={importMocks.isPending}
            disabled={checking || !preview.data || stores === 0}
          >
            Import
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
