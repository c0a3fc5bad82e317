import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { FormProvider, useForm, type FieldPath } from 'react-hook-form';
import { Link, useNavigate } from 'react-router';

import { ApiError } from '../../../api';
import type { Mock } from '../../../types/api';
import { useCreateMock, useUpdateMock } from '../api/queries';
import { formToInput, mockToForm } from './convert';
import { BasicsSection } from './sections/BasicsSection';
import { FaultsSection } from './sections/FaultsSection';
import { MatchingSection } from './sections/MatchingSection';
import { ProxySection } from './sections/ProxySection';
import { ResponseSection } from './sections/ResponseSection';
import { mockFormSchema, type MockFormValues } from './schema';
import type { SampleRequest } from './sample';
import { formPathFor } from './serverErrors';
import { TemplatePreview } from './TemplatePreview';
import { VariantsEditor } from './VariantsEditor';

interface Props {
  /** The stored mock being edited; absent when creating. */
  mock?: Mock;
  initial: MockFormValues;
  /** The template preview's first sample (a logged request the mock came from). */
  sample?: SampleRequest;
}

export function MockForm({ mock, initial, sample }: Props) {
  const form = useForm<MockFormValues>({
    resolver: zodResolver(mockFormSchema),
    defaultValues: initial,
    mode: 'onTouched',
  });
  const navigate = useNavigate();
  const create = useCreateMock();
  const update = useUpdateMock();
  const creating = !mock;

  async function save(values: MockFormValues) {
    const input = formToInput(values, creating);
    try {
      const saved = creating
        ? await create.mutateAsync(input)
        : await update.mutateAsync({ id: mock.mock_id, patch: input });
      notifications.show({ color: 'green', title: 'Saved', message: `"${saved.mock_name}" is live.` });
      if (creating) {
        void navigate(`/mocks/${encodeURIComponent(saved.mock_id)}`, { replace: true });
      } else {
        form.reset(mockToForm(saved));
      }
    } catch (e) {
      showServerError(e);
    }
  }

  /** A 422/409 goes on the field it names; anything else above the form. */
  function showServerError(e: unknown) {
    if (e instanceof ApiError && (e.status === 422 || e.status === 409)) {
      const field = e.status === 409 ? 'mock_id' : e.field;
      const path = formPathFor(field, form.getValues());
      if (path) {
        form.setError(path as FieldPath<MockFormValues>, { type: 'server', message: e.detail }, {
          shouldFocus: true,
        });
        return;
      }
    }
    form.setError('root.server', {
      type: 'server',
      message: e instanceof Error ? e.message : String(e),
    });
  }

  const submit = form.handleSubmit(save);
  useHotkeys([['mod+S', () => void submit()]], [], true);
  const rootError = form.formState.errors.root?.server?.message;
  const saving = create.isPending || update.isPending;

  return (
    <FormProvider {...form}>
      <form onSubmit={submit} noValidate aria-label={creating ? 'New mock' : 'Edit mock'}>
        <Stack gap="lg" maw={1100}>
          <Group justify="space-between" align="flex-end" wrap="wrap">
            <div>
              <Anchor component={Link} to="/" size="sm">
                ← Mocks
              </Anchor>
              <Title order={1}>{mock ? mock.mock_name : 'New mock'}</Title>
              {mock && (
                <Text size="sm" c="dimmed" ff="monospace">
                  {mock.mock_id}
                </Text>
              )}
            </div>
            <Group gap="xs">
              {form.formState.isDirty && (
                <Text size="sm" c="dimmed">
                  Unsaved changes
                </Text>
              )}
              <Button type="submit" loading={saving}>
                Save
              </Button>
            </Group>
          </Group>
          {rootError && (
            <Alert color="red" title="Not saved">
              {rootError}
            </Alert>
          )}
          {Object.keys(form.formState.errors).length > 0 && !rootError && form.formState.isSubmitted && (
            <Text role="alert" c="red" size="sm">
              Not saved: fix the fields marked in red.
            </Text>
          )}
          <BasicsSection creating={creating} />
          <MatchingSection />
          <ResponseSection />
          <VariantsEditor />
          <FaultsSection />
          <ProxySection />
          <TemplatePreview initialSample={sample} />
        </Stack>
      </form>
    </FormProvider>
  );
}
