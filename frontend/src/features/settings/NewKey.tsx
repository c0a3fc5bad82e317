import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, CopyButton, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useForm } from 'react-hook-form';

import { ApiError } from '../../api';
import type { CreatedApiKey } from '../../types/api';
import { useCreateApiKey } from './api';
import { createKeySchema, type CreateKeyForm } from './schema';

/** Creates a key and shows it once, with a copy button and a warning. */
export function NewKey() {
  const create = useCreateApiKey();
  const [created, setCreated] = useState<{ key: CreatedApiKey; adopted: boolean } | null>(null);
  const form = useForm<CreateKeyForm>({
    resolver: zodResolver(createKeySchema),
    defaultValues: { name: '' },
  });

  const submit = form.handleSubmit(async ({ name }) => {
    try {
      setCreated(await create.mutateAsync(name.trim()));
      form.reset();
    } catch (e) {
      form.setError(e instanceof ApiError && e.field === 'name' ? 'name' : 'root.server', {
        type: 'server',
        message: e instanceof Error ? e.message : String(e),
      });
    }
  });

  return (
    <Stack>
      <form onSubmit={submit} noValidate>
        <Group align="flex-start">
          <TextInput
            label="Name"
            description="Who or what uses it, e.g. ci or alice's laptop"
            {...form.register('name')}
            error={form.formState.errors.name?.message ?? form.formState.errors.root?.server?.message}
            w={320}
            maw="100%"
          />
          <Button type="submit" mt={46} loading={form.formState.isSubmitting}>
            Create key
          </Button>
        </Group>
      </form>
      {created && (
        <Alert color="yellow" title="Copy the new key now" role="status">
          <Stack gap="xs">
            <Text size="sm">
              This is the only time the key “{created.key.name}” is shown: Mimicus stores only its
              hash. Send it as <code>X-API-Key</code> or <code>Authorization: Bearer</code>.
              {created.adopted && ' This browser uses it from now on.'}
            </Text>
            <Group align="flex-end" gap="xs" wrap="nowrap">
              <TextInput
                label="New API key"
                value={created.key.key}
                readOnly
                onFocus={(e) => e.currentTarget.select()}
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
                style={{ flex: 1 }}
              />
              <CopyButton value={created.key.key}>
                {({ copied, copy }) => (
                  <Button variant={copied ? 'filled' : 'default'} onClick={copy}>
                    {copied ? 'Copied' : 'Copy'}
                  </Button>
                )}
              </CopyButton>
              <Button variant="subtle" onClick={() => setCreated(null)}>
                Done
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
