import { Group, SimpleGrid, Stack } from '@mantine/core';
import { useWatch } from 'react-hook-form';

import { ApiName } from '../fields/FieldLabel';
import { BodyField } from '../fields/BodyField';
import { NumberField, SwitchField } from '../fields/FormFields';
import type { MockFormValues } from '../schema';
import { HeaderRows } from './HeaderRows';
import { Section } from './Section';

export function ResponseSection() {
  const variants = useWatch<MockFormValues, 'variants'>({ name: 'variants' });
  return (
    <Section
      title="Response"
      hint={
        variants.length > 0
          ? 'This mock has variants: they answer instead of the response below.'
          : undefined
      }
    >
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberField name="response_status" label="Status" min={100} max={599} allowDecimal={false} />
          <Group align="center" pt="lg">
            <SwitchField
              name="is_template"
              label={<ApiName>is_template</ApiName>}
              description="Render the body and header values as Jinja2 templates"
            />
          </Group>
        </SimpleGrid>
        <HeaderRows
          name="response_headers"
          noun="Response header"
          title={<ApiName>response_headers</ApiName>}
        />
        <BodyField
          name="response_body"
          typeName="body_type"
          templateName="is_template"
          label="Body"
          typeLabel="Body type"
          formatLabel="Format"
        />
      </Stack>
    </Section>
  );
}
