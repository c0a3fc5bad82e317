import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, Stack, TextInput } from '@mantine/core';
import { useForm } from 'react-hook-form';

import { ApiError } from '../../api';
import { useStartRecording } from './api';
import { startSchema, type StartForm as Values } from './schema';

/** Starts a recording: upstream URL and an optional path prefix. */
interface Props {
  initial?: Partial<Values>;
  /** A 409: another recording runs (the page shows it; this form then goes away). */
  onConflict: (detail: string) => void;
}

export function StartForm({ initial, onConflict }: Props) {
  const start = useStartRecording();
  const form = useForm<Values>({
    resolver: zodResolver(startSchema),
    defaultValues: { upstream_url: initial?.upstream_url ?? '', path_prefix: initial?.path_prefix ?? '' },
  });
  const { errors } = form.formState;

  const submit = form.handleSubmit(async (values) => {
    try {
      await start.mutateAsync({
        upstream_url: values.upstream_url,
        ...(values.path_prefix ? { path_prefix: values.path_prefix } : {}),
      });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (e instanceof ApiError && (e.field === 'upstream_url' || e.field === 'path_prefix')) {
        form.setError(e.field, { type: 'server', message }, { shouldFocus: true });
      } else if (e instanceof ApiError && e.status === 409) {
        onConflict(message);
      } else {
        form.setError('root.server', { type: 'server', message });
      }
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Start a recording">
      <Stack>
        <Group align="flex-start" wrap="wrap">
          <TextInput
            label="Upstream URL"
            description="The real backend, e.g. http://127.0.0.1:8080"
            placeholder="http://127.0.0.1:8080"
            {...form.register('upstream_url')}
            error={errors.upstream_url?.message}
            w={420}
            maw="100%"
          />
          <TextInput
            label="Path prefix"
            description="Optional: only requests under it, e.g. /api"
            placeholder="/"
            {...form.register('path_prefix')}
            error={errors.path_prefix?.message}
            w={240}
            maw="100%"
          />
        </Group>
        {errors.root?.server && (
          <Alert color="red" title="Could not start the recording">
            {errors.root.server.message}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={form.formState.isSubmitting}>
            Start recording
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
