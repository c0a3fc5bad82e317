import { ActionIcon, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { useFieldArray, useFormContext, type FieldPath } from 'react-hook-form';

import { useFieldError } from '../fields/FormFields';
import type { MockFormValues } from '../schema';

type HeadersPath = 'response_headers' | `variants.${number}.headers`;

/** Name → value rows for response headers (of the mock or of a variant). */
export function HeaderRows({ name, noun, title }: { name: HeadersPath; noun: string; title: ReactNode }) {
  const { control } = useFormContext<MockFormValues>();
  const { fields, append, remove } = useFieldArray({ control, name });
  return (
    <Stack gap="xs">
      <Text size="sm" fw={500}>
        {title}
      </Text>
      {fields.map((field, i) => (
        <Group key={field.id} gap="xs" align="flex-start" wrap="nowrap">
          <HeaderInput name={`${name}.${i}.name`} label={`${noun} ${i + 1} name`} width={220} />
          <HeaderInput name={`${name}.${i}.value`} label={`${noun} ${i + 1} value`} />
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={`Remove ${noun.toLowerCase()} ${i + 1}`}
            onClick={() => remove(i)}
            mt={4}
          >
            ✕
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button size="xs" variant="light" onClick={() => append({ name: '', value: '' })}>
          Add {noun.toLowerCase()}
        </Button>
      </Group>
    </Stack>
  );
}

function HeaderInput({ name, label, width }: { name: string; label: string; width?: number }) {
  const { register } = useFormContext<MockFormValues>();
  const error = useFieldError(name);
  return (
    <TextInput
      aria-label={label}
      {...register(name as FieldPath<MockFormValues>)}
      error={error}
      style={width ? { width } : { flex: 1 }}
      ff="monospace"
    />
  );
}
