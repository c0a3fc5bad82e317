import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from 'react-hook-form';

import { ApiError } from '../../api';
import type { JsonValue } from '../../types/api';
import { useSetState } from './api';
import { formatValue, parseJsonValue, stateValueSchema, type StateValueForm } from './schema';

interface Props {
  /** The session to write to; none lets the person name a new one. */
  session?: string;
  /** The key being edited, or none to add a key. */
  entry?: { state_key: string; state_value: JsonValue };
  /** Called with the session written to, or nothing when cancelled. */
  onClose: (savedTo?: string) => void;
}

/** Sets a key of a session to a JSON value (`POST /api/admin/state/{session_id}`). */
export function ValueDialog({ session, entry, onClose }: Props) {
  const setState = useSetState();
  const form = useForm<StateValueForm>({
    resolver: zodResolver(stateValueSchema),
    defaultValues: {
      session_id: session ?? '',
      state_key: entry?.state_key ?? '',
      state_value: entry ? formatValue(entry.state_value) : '',
    },
  });
  const { errors } = form.formState;

  const submit = form.handleSubmit(async (values) => {
    const parsed = parseJsonValue(values.state_value);
    if ('error' in parsed) return;
    try {
      const target = values.session_id.trim();
      await setState.mutateAsync({ session: target, key: values.state_key, value: parsed.value });
      onClose(target);
    } catch (e) {
      const field = e instanceof ApiError ? e.field : undefined;
      const message = e instanceof Error ? e.message : String(e);
      if (field === 'state_key' || field === 'state_value') {
        form.setError(field, { type: 'server', message }, { shouldFocus: true });
      } else {
        form.setError('root.server', { type: 'server', message });
      }
    }
  });

  const title = entry ? `Edit ${entry.state_key}` : 'Add a key';
  return (
    <Modal opened onClose={() => onClose()} title={title} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          {!session && (
            <TextInput
              label="Session"
              description="The X-Session-ID value (or ip:<address>) whose state this is."
              {...form.register('session_id')}
              error={errors.session_id?.message}
              data-autofocus
            />
          )}
          <TextInput
            label="Key"
            {...form.register('state_key')}
            error={errors.state_key?.message}
            readOnly={Boolean(entry)}
            data-autofocus={!entry && session ? true : undefined}
          />
          <Textarea
            label="Value (JSON)"
            description='Any JSON value: 3, true, {"step": 2}, or a string in quotes.'
            autosize
            minRows={4}
            maxRows={16}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            {...form.register('state_value')}
            error={errors.state_value?.message}
            data-autofocus={entry ? true : undefined}
            spellCheck={false}
          />
          {errors.root?.server && (
            <Alert color="red" title="Not saved">
              {errors.root.server.message}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => onClose()}>
              Cancel
            </Button>
            <Button type="submit" loading={form.formState.isSubmitting}>
              Save value
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
