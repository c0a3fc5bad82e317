import {
  Alert,
  Button,
  Checkbox,
  FileInput,
  Group,
  List,
  Modal,
  Stack,
  Tabs,
  Text,
  Textarea,
} from '@mantine/core';
import { useState } from 'react';

import { ApiError } from '../../../api';
import type { BulkImportResult } from '../../../types/api';
import { useBulkImport } from '../api/queries';

interface Props {
  opened: boolean;
  onClose: () => void;
}

/** Parses an export document (`{"mocks":[…]}` or a bare array); throws a readable error. */
export function parseImportDocument(text: string): unknown {
  if (!text.trim()) throw new Error('Choose a file or paste a JSON document first.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new Error(`This is not valid JSON: ${(e as Error).message}`);
  }
  const isDocument =
    Array.isArray(parsed) ||
    (typeof parsed === 'object' && parsed !== null && Array.isArray((parsed as { mocks?: unknown }).mocks));
  if (!isDocument) throw new Error('Expected {"mocks": [...]} (as exported) or an array of mocks.');
  return parsed;
}

/** Import from a file or pasted JSON through the bulk import, showing item errors. */
export function ImportModal({ opened, onClose }: Props) {
  const [source, setSource] = useState<string | null>('file');
  const [file, setFile] = useState<File | null>(null);
  const [text, setText] = useState('');
  const [upsert, setUpsert] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [result, setResult] = useState<BulkImportResult | null>(null);
  const importMocks = useBulkImport();

  function reset() {
    setFile(null);
    setText('');
    setProblem(null);
    setResult(null);
  }

  async function submit() {
    setProblem(null);
    setResult(null);
    try {
      const raw = source === 'file' ? ((await file?.text()) ?? '') : text;
      const document = parseImportDocument(raw);
      setResult(await importMocks.mutateAsync({ document, upsert }));
    } catch (e) {
      setProblem(e instanceof ApiError || e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <Modal
      opened={opened}
      onClose={() => {
        reset();
        onClose();
      }}
      title="Import mocks"
      size="lg"
    >
      <Stack>
        <Tabs value={source} onChange={setSource}>
          <Tabs.List>
            <Tabs.Tab value="file">From a file</Tabs.Tab>
            <Tabs.Tab value="paste">Paste JSON</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="file" pt="sm">
            <FileInput
              label="File"
              description="A Mimicus export: {&quot;mocks&quot;: [...]}"
              placeholder="Choose a .json file"
              accept="application/json,.json"
              value={file}
              onChange={setFile}
              clearable
            />
          </Tabs.Panel>
          <Tabs.Panel value="paste" pt="sm">
            <Textarea
              label="JSON"
              description="The same document as an export file"
              autosize
              minRows={6}
              maxRows={16}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            />
          </Tabs.Panel>
        </Tabs>
        <Checkbox
          label="Replace mocks that have the same id (upsert)"
          checked={upsert}
          onChange={(e) => setUpsert(e.currentTarget.checked)}
        />
        {problem && (
          <Alert color="red" title="Nothing was imported">
            {problem}
          </Alert>
        )}
        {result && (
          <Alert
            color={result.errors ? 'yellow' : 'green'}
            title={`Imported ${result.created} ${result.created === 1 ? 'mock' : 'mocks'}${
              result.errors ? `, ${result.errors} refused` : ''
            }`}
          >
            {result.error_details.length > 0 && (
              <List size="sm" aria-label="Import errors">
                {result.error_details.map((d) => (
                  <List.Item key={d.index}>
                    <Text span size="sm" fw={500}>
                      Item {d.index}:
                    </Text>{' '}
                    {d.error}
                  </List.Item>
                ))}
              </List>
            )}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
          <Button onClick={submit} loading={importMocks.isPending}>
            Import
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
