import { Button, Group, SegmentedControl } from '@mantine/core';
import type { ReactNode } from 'react';
import { Controller, useFormContext, useWatch, type FieldPath } from 'react-hook-form';

import { CodeEditor } from '../../../../components/code-editor/CodeEditor';
import { jsonProblem, type MockFormValues } from '../schema';

interface Props {
  /** The text field (`response_body`, `variants.1.body`). */
  name: FieldPath<MockFormValues>;
  /** Its JSON/text switch (`body_type`, `variants.1.body_type`). */
  typeName: FieldPath<MockFormValues>;
  /** Its is_template flag. */
  templateName: FieldPath<MockFormValues>;
  label: ReactNode;
  /** Accessible name of the JSON/text switch. */
  typeLabel: string;
  formatLabel: string;
}

/**
 * A response body: JSON (sent as a JSON value, with a Format button) or text;
 * a template is always text and is highlighted as Jinja.
 */
export function BodyField({ name, typeName, templateName, label, typeLabel, formatLabel }: Props) {
  const { control, setValue, getValues } = useFormContext<MockFormValues>();
  const type = useWatch({ name: typeName }) as 'json' | 'text';
  const isTemplate = Boolean(useWatch({ name: templateName }));
  const text = String(useWatch({ name }) ?? '');
  const json = type === 'json' && !isTemplate;

  function format() {
    const current = String(getValues(name) ?? '');
    if (jsonProblem(current)) return;
    setValue(name, JSON.stringify(JSON.parse(current), null, 2) as never, {
      shouldDirty: true,
      shouldValidate: true,
    });
  }

  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <CodeEditor
          label={label}
          description={
            isTemplate
              ? 'A Jinja2 template (is_template is on)'
              : json
                ? 'Sent as JSON'
                : 'Sent as text, exactly as written'
          }
          error={fieldState.error?.message}
          value={String(field.value ?? '')}
          onChange={field.onChange}
          onBlur={field.onBlur}
          language={isTemplate ? (type === 'json' ? 'jinja-json' : 'jinja') : json ? 'json' : 'text'}
          actions={
            <Group gap="xs" mb={6}>
              <Controller
                control={control}
                name={typeName}
                render={({ field: t }) => (
                  <SegmentedControl
                    size="xs"
                    aria-label={typeLabel}
                    value={t.value as string}
                    onChange={t.onChange}
                    data={[
                      { value: 'json', label: 'JSON' },
                      { value: 'text', label: 'Text' },
                    ]}
                  />
                )}
              />
              <Button
                size="compact-xs"
                variant="default"
                onClick={format}
                disabled={!text.trim() || jsonProblem(text) !== null}
                aria-label={formatLabel}
              >
                Format
              </Button>
            </Group>
          }
        />
      )}
    />
  );
}
