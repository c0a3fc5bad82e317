import { Fieldset, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** A titled group of fields. */
export function Section({
  title,
  hint,
  children,
}: {
  title: string;
  hint?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Fieldset legend={<Text fw={600}>{title}</Text>} variant="default">
      {hint && (
        <Text size="sm" c="dimmed" mb="sm">
          {hint}
        </Text>
      )}
      {children}
    </Fieldset>
  );
}
