import {
  Alert,
  Code,
  Group,
  Loader,
  Paper,
  ScrollArea,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useWatch } from 'react-hook-form';

import { mocksApi } from '../api/mocks';
import { METHODS, type MockFormValues } from './schema';
import { InspectorSamplePicker } from './InspectorSamplePicker';
import { previewBody, type SampleRequest } from './sample';
import { Section } from './sections/Section';

const DEBOUNCE_MS = 400;

/** Which template to render: the body, the error body or a variant's body. */
function templateSources(values: Pick<MockFormValues, 'response_body' | 'error_body' | 'variants'>) {
  return [
    { value: 'response_body', label: 'Body (response_body)', text: values.response_body },
    { value: 'error_body', label: 'error_body', text: values.error_body },
    ...values.variants.map((v, i) => ({
      value: `variant:${i}`,
      label: `Variant ${i + 1} body`,
      text: v.body,
    })),
  ];
}

/**
 * Live preview (SPEC §6): renders the chosen template against an editable
 * sample request, debounced, through `POST /api/admin/templates/preview`.
 * State is read but never written by a preview.
 */
export function TemplatePreview({ initialSample }: { initialSample?: SampleRequest }) {
  const [responseBody, errorBody, variants, matchPath, method] = useWatch<MockFormValues>({
    name: ['response_body', 'error_body', 'variants', 'match_path', 'match_method'],
  }) as [string, string, MockFormValues['variants'], string, string];
  const [source, setSource] = useState('response_body');
  const [sample, setSample] = useState<SampleRequest>(
    () =>
      initialSample ?? {
        method: method && method !== 'ANY' ? method : 'GET',
        path: (matchPath || '/').replace(/\{\*?(\w+)\}/g, (_, name: string) => `${name}-1`),
        headers: 'Content-Type: application/json',
        query: '',
        body: '',
      },
  );
  const sources = templateSources({ response_body: responseBody, error_body: errorBody, variants });
  const template = (sources.find((s) => s.value === source) ?? sources[0])?.text ?? '';
  const [request] = useDebouncedValue(previewBody(template, sample, matchPath), DEBOUNCE_MS);

  const preview = useQuery({
    queryKey: ['templates', 'preview', request],
    queryFn: () => mocksApi.previewTemplate(request),
    placeholderData: (previous) => previous,
    staleTime: Infinity,
    retry: false,
  });
  const set = (change: Partial<SampleRequest>) => setSample((s) => ({ ...s, ...change }));

  return (
    <Section
      title="Template preview"
      hint="Renders as you type, against the sample request below. State is read, never written."
    >
      <Stack>
        <Group align="flex-end" wrap="wrap">
          <Select
            label="Template"
            value={source}
            onChange={(v) => setSource(v ?? 'response_body')}
            data={sources.map(({ value, label }) => ({ value, label }))}
            allowDeselect={false}
            w={320}
            maw="100%"
          />
          <InspectorSamplePicker onPick={setSample} />
        </Group>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Stack gap="xs">
            <Group grow align="flex-start">
              <Select
                label="Sample method"
                value={sample.method}
                onChange={(v) => set({ method: v ?? 'GET' })}
                data={METHODS.filter((m) => m !== 'ANY')}
                allowDeselect={false}
              />
              <TextInput
                label="Sample path"
                value={sample.path}
                onChange={(e) => set({ path: e.currentTarget.value })}
                ff="monospace"
              />
            </Group>
            <TextInput
              label="Sample query"
              placeholder="page=2&sort=name"
              value={sample.query}
              onChange={(e) => set({ query: e.currentTarget.value })}
              ff="monospace"
            />
            <Textarea
              label="Sample headers"
              description="One Name: value per line"
              autosize
              minRows={2}
              value={sample.headers}
              onChange={(e) => set({ headers: e.currentTarget.value })}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            />
            <Textarea
              label="Sample body"
              autosize
              minRows={3}
              value={sample.body}
              onChange={(e) => set({ body: e.currentTarget.value })}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            />
          </Stack>
          <Stack gap="xs">
            <Group gap="xs">
              <Text size="sm" fw={500} id="preview-output-label">
                Output
              </Text>
              {preview.isFetching && <Loader size="xs" aria-label="Rendering" />}
            </Group>
            <PreviewResult result={preview.data} failure={preview.error?.message} />
          </Stack>
        </SimpleGrid>
      </Stack>
    </Section>
  );
}

function PreviewResult({
  result,
  failure,
}: {
  result: Awaited<ReturnType<typeof mocksApi.previewTemplate>> | undefined;
  failure?: string;
}) {
  if (failure) {
    return (
      <Alert color="red" title="Preview unavailable">
        {failure}
      </Alert>
    );
  }
  if (!result) return null;
  if ('error' in result) {
    return (
      <Alert color="red" title="Template error" role="alert">
        <Text size="sm">
          {result.error.line != null && <strong>Line {result.error.line}: </strong>}
          {result.error.message}
        </Text>
      </Alert>
    );
  }
  return (
    <Paper withBorder p={0} aria-labelledby="preview-output-label" role="region">
      <ScrollArea.Autosize mah={400}>
        <Code block aria-live="polite">
          {result.rendered || ' '}
        </Code>
      </ScrollArea.Autosize>
    </Paper>
  );
}
