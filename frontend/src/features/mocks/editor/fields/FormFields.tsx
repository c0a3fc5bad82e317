// react-hook-form bindings for Mantine inputs, so sections stay declarative.

import {
  NumberInput,
  Select,
  Switch,
  TagsInput,
  Textarea,
  TextInput,
  type NumberInputProps,
  type SelectProps,
  type TextInputProps,
} from '@mantine/core';
import type { ReactNode } from 'react';
import { Controller, useFormContext, type FieldPath } from 'react-hook-form';

import type { MockFormValues } from '../schema';

type Name = FieldPath<MockFormValues>;

/** The error message of a (possibly nested) field. */
export function useFieldError(name: string): string | undefined {
  const { formState, getFieldState } = useFormContext<MockFormValues>();
  return getFieldState(name as Name, formState).error?.message;
}

export function TextField({ name, ...props }: { name: Name } & Omit<TextInputProps, 'name'>) {
  const { register } = useFormContext<MockFormValues>();
  const error = useFieldError(name);
  return <TextInput {...register(name)} error={error} {...props} />;
}

export function TextAreaField({
  name,
  label,
  description,
}: {
  name: Name;
  label: ReactNode;
  description?: ReactNode;
}) {
  const { register } = useFormContext<MockFormValues>();
  const error = useFieldError(name);
  return (
    <Textarea
      {...register(name)}
      label={label}
      description={description}
      error={error}
      autosize
      minRows={2}
      maxRows={10}
      styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
    />
  );
}

export function NumberField({
  name,
  ...props
}: { name: Name } & Omit<NumberInputProps, 'name' | 'value' | 'onChange'>) {
  const { control } = useFormContext<MockFormValues>();
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <NumberInput
          ref={field.ref}
          name={field.name}
          value={field.value as number | ''}
          onChange={(v) => field.onChange(v === '' ? '' : Number(v))}
          onBlur={field.onBlur}
          error={fieldState.error?.message}
          // Out-of-range input stays as typed, so the message can say why.
          clampBehavior="none"
          {...props}
        />
      )}
    />
  );
}

export function SelectField({
  name,
  ...props
}: { name: Name } & Omit<SelectProps, 'name' | 'value' | 'onChange'>) {
  const { control } = useFormContext<MockFormValues>();
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <Select
          ref={field.ref}
          name={field.name}
          value={field.value as string}
          onChange={(v) => field.onChange(v ?? '')}
          onBlur={field.onBlur}
          error={fieldState.error?.message}
          allowDeselect={false}
          {...props}
        />
      )}
    />
  );
}

export function SwitchField({
  name,
  label,
  description,
}: {
  name: Name;
  label: ReactNode;
  description?: ReactNode;
}) {
  const { control } = useFormContext<MockFormValues>();
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <Switch
          ref={field.ref}
          name={field.name}
          checked={Boolean(field.value)}
          onChange={(e) => field.onChange(e.currentTarget.checked)}
          onBlur={field.onBlur}
          label={label}
          description={description}
        />
      )}
    />
  );
}

export function TagsField({ name, label, description }: { name: Name; label: ReactNode; description?: ReactNode }) {
  const { control } = useFormContext<MockFormValues>();
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <TagsInput
          ref={field.ref}
          value={field.value as string[]}
          onChange={field.onChange}
          onBlur={field.onBlur}
          label={label}
          description={description}
          error={fieldState.error?.message}
          clearable
        />
      )}
    />
  );
}
