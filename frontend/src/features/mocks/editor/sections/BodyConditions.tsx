import { ActionIcon, Button, Group, Paper, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { Controller, useFieldArray, useFormContext, useWatch } from 'react-hook-form';

import { emptyBodyCondition } from '../convert';
import { ApiName } from '../fields/FieldLabel';
import { useFieldError } from '../fields/FormFields';
import { BODY_KINDS, JSONPATH_TESTS, type MockFormValues } from '../schema';

const KIND_LABELS: Record<(typeof BODY_KINDS)[number], string> = {
  equals: 'raw body equals',
  contains: 'raw body contains',
  regex: 'raw body matches regex',
  json_equals: 'JSON equals',
  json_contains: 'JSON contains',
  jsonpath: 'JSONPath',
};

const TEST_LABELS: Record<(typeof JSONPATH_TESTS)[number], string> = {
  exists: 'exists',
  equals: 'equals',
  regex: 'matches regex',
};

/** Body conditions (SPEC §3): every one must hold. */
export function BodyConditions() {
  const { control, register } = useFormContext<MockFormValues>();
  const { fields, append, remove } = useFieldArray({ control, name: 'match_body' });
  const rows = useWatch<MockFormValues, 'match_body'>({ name: 'match_body' });
  return (
    <Stack gap="xs">
      <Text size="sm" fw={500}>
        <ApiName>match_body</ApiName>
      </Text>
      {fields.length === 0 && (
        <Text size="sm" c="dimmed">
          Any body.
        </Text>
      )}
      {fields.map((field, i) => {
        const n = i + 1;
        const row = rows?.[i];
        const needsValue = row?.kind !== 'jsonpath' || row.test !== 'exists';
        const json = row?.kind === 'json_equals' || row?.kind === 'json_contains';
        return (
          <Paper key={field.id} withBorder p="xs">
            <Group align="flex-start" gap="xs" wrap="wrap">
              <Controller
                control={control}
                name={`match_body.${i}.kind`}
                render={({ field: f }) => (
                  <Select
                    aria-label={`Body condition ${n} kind`}
                    value={f.value}
                    onChange={(v) => f.onChange(v ?? 'equals')}
                    data={BODY_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
                    allowDeselect={false}
                    w={200}
                  />
                )}
              />
              {row?.kind === 'jsonpath' && (
                <>
                  <ConditionInput label={`Body condition ${n} JSONPath`} name={`match_body.${i}.jsonpath`} register={register} />
                  <Controller
                    control={control}
                    name={`match_body.${i}.test`}
                    render={({ field: f }) => (
                      <Select
                        aria-label={`Body condition ${n} test`}
                        value={f.value}
                        onChange={(v) => f.onChange(v ?? 'exists')}
                        data={JSONPATH_TESTS.map((k) => ({ value: k, label: TEST_LABELS[k] }))}
                        allowDeselect={false}
                        w={150}
                      />
                    )}
                  />
                </>
              )}
              {needsValue && (
                <ConditionValue
                  label={`Body condition ${n} value`}
                  name={`match_body.${i}.value`}
                  register={register}
                  multiline={json}
                  placeholder={json ? '{"role": "admin"}' : row?.kind === 'jsonpath' ? 'JSON value, or text' : ''}
                />
              )}
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={`Remove body condition ${n}`}
                onClick={() => remove(i)}
                mt={4}
              >
                ✕
              </ActionIcon>
            </Group>
          </Paper>
        );
      })}
      <Group>
        <Button size="xs" variant="light" onClick={() => append(emptyBodyCondition())}>
          Add body condition
        </Button>
      </Group>
    </Stack>
  );
}

type Register = ReturnType<typeof useFormContext<MockFormValues>>['register'];

function ConditionInput({ label, name, register }: { label: string; name: string; register: Register }) {
  const error = useFieldError(name);
  return (
    <TextInput
      aria-label={label}
      {...register(name as `match_body.${number}.jsonpath`)}
      error={error}
      w={220}
      ff="monospace"
      placeholder="$.user.role"
    />
  );
}

function ConditionValue({
  label,
  name,
  register,
  multiline,
  placeholder,
}: {
  label: string;
  name: string;
  register: Register;
  multiline: boolean;
  placeholder: string;
}) {
  const error = useFieldError(name);
  const props = {
    'aria-label': label,
    ...register(name as `match_body.${number}.value`),
    error,
    placeholder,
    style: { flex: 1, minWidth: 220 },
    styles: { input: { fontFamily: 'var(--mantine-font-family-monospace)' } },
  };
  return multiline ? <Textarea {...props} autosize minRows={2} maxRows={8} /> : <TextInput {...props} />;
}
