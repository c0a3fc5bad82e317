import { ActionIcon, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { Controller, useFieldArray, useFormContext, useWatch } from 'react-hook-form';

import { ApiName } from '../fields/FieldLabel';
import { useFieldError } from '../fields/FormFields';
import { MATCHER_KINDS, type MockFormValues } from '../schema';

const KIND_LABELS: Record<(typeof MATCHER_KINDS)[number], string> = {
  equals: 'equals',
  contains: 'contains',
  regex: 'matches regex',
  present: 'is present',
  absent: 'is absent',
};

interface Props {
  name: 'match_headers' | 'match_query';
  /** "Header" or "Query parameter": names each row's controls. */
  noun: string;
}

/** Name → value matcher rows (SPEC §3 value matcher). */
export function MatcherRows({ name, noun }: Props) {
  const { control, register } = useFormContext<MockFormValues>();
  const { fields, append, remove } = useFieldArray({ control, name });
  const rows = useWatch<MockFormValues, typeof name>({ name });
  const listError = useFieldError(name);
  return (
    <Stack gap="xs">
      <Text size="sm" fw={500}>
        <ApiName>{name}</ApiName>
      </Text>
      {fields.length === 0 && (
        <Text size="sm" c="dimmed">
          Any {noun.toLowerCase()}s.
        </Text>
      )}
      {fields.map((field, i) => {
        const n = i + 1;
        const kind = rows?.[i]?.kind;
        return (
          <Group key={field.id} align="flex-start" gap="xs" wrap="nowrap">
            <RowInput
              label={`${noun} ${n} name`}
              name={`${name}.${i}.name`}
              register={register}
              placeholder={noun === 'Header' ? 'X-Env' : 'page'}
            />
            <Controller
              control={control}
              name={`${name}.${i}.kind`}
              render={({ field: f }) => (
                <Select
                  aria-label={`${noun} ${n} matcher`}
                  value={f.value}
                  onChange={(v) => f.onChange(v ?? 'equals')}
                  data={MATCHER_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
                  allowDeselect={false}
                  w={150}
                />
              )}
            />
            {kind !== 'present' && kind !== 'absent' ? (
              <RowInput
                label={`${noun} ${n} value`}
                name={`${name}.${i}.value`}
                register={register}
                grow
              />
            ) : (
              <div style={{ flex: 1 }} />
            )}
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={`Remove ${noun.toLowerCase()} ${n}`}
              onClick={() => remove(i)}
              mt={4}
            >
              ✕
            </ActionIcon>
          </Group>
        );
      })}
      {listError && (
        <Text size="sm" c="red">
          {listError}
        </Text>
      )}
      <Group>
        <Button
          size="xs"
          variant="light"
          onClick={() => append({ name: '', kind: 'equals', value: '' })}
        >
          Add {noun.toLowerCase()}
        </Button>
      </Group>
    </Stack>
  );
}

function RowInput({
  label,
  name,
  register,
  placeholder,
  grow,
}: {
  label: string;
  name: string;
  register: ReturnType<typeof useFormContext<MockFormValues>>['register'];
  placeholder?: string;
  grow?: boolean;
}) {
  const error = useFieldError(name);
  return (
    <TextInput
      aria-label={label}
      {...register(name as `match_headers.${number}.name`)}
      placeholder={placeholder}
      error={error}
      style={grow ? { flex: 1 } : { width: 200 }}
      ff="monospace"
    />
  );
}
