import {
  ActionIcon,
  Button,
  Group,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  Tooltip,
} from '@mantine/core';
import { useFieldArray, useFormContext, useWatch } from 'react-hook-form';

import { emptyVariant } from './convert';
import { ApiName } from './fields/FieldLabel';
import { BodyField } from './fields/BodyField';
import { NumberField, SelectField, SwitchField, useFieldError } from './fields/FormFields';
import { VARIANT_MODES, type MockFormValues } from './schema';
import { HeaderRows } from './sections/HeaderRows';
import { Section } from './sections/Section';
import { percentText, weightShares } from './weights';

// Dark shades: the percentage inside each section stays readable (white text).
const COLORS = ['indigo.8', 'teal.9', 'orange.9', 'grape.8', 'cyan.9', 'pink.8', 'lime.9', 'red.8'];

const MODE_HINTS: Record<(typeof VARIANT_MODES)[number], string> = {
  weighted: 'Each request picks a variant at random, in proportion to its weight.',
  sequence: 'The n-th request of a session gets variant n; the last one repeats.',
  cycle: 'Variants answer in turn, per session, starting over after the last.',
};

/** Response variants (SPEC §9). */
export function VariantsEditor() {
  const { control } = useFormContext<MockFormValues>();
  const { fields, append, remove, move } = useFieldArray({ control, name: 'variants' });
  const variants = useWatch<MockFormValues, 'variants'>({ name: 'variants' });
  const mode = useWatch<MockFormValues, 'variant_mode'>({ name: 'variant_mode' });
  const listError = useFieldError('variants');
  const shares = weightShares(variants.map((v) => v.weight));

  return (
    <Section title="Variants" hint="When there are variants, they answer instead of the response above.">
      <Stack>
        <SelectField
          name="variant_mode"
          label={<ApiName>variant_mode</ApiName>}
          data={[...VARIANT_MODES]}
          description={MODE_HINTS[mode]}
          maw={320}
        />
        {fields.length > 0 && mode === 'weighted' && (
          <Stack gap={4}>
            <Progress.Root size={22} aria-label="Variant weights">
              {shares.map((share, i) => (
                <Tooltip key={fields[i]?.id} label={`Variant ${i + 1}: ${percentText(share)}`}>
                  <Progress.Section
                    value={share}
                    color={COLORS[i % COLORS.length]}
                    aria-label={`Variant ${i + 1}: ${percentText(share)}`}
                  >
                    <Progress.Label>{share >= 8 ? percentText(share) : ''}</Progress.Label>
                  </Progress.Section>
                </Tooltip>
              ))}
            </Progress.Root>
            <Group gap="md" role="group" aria-label="Variant shares">
              {shares.map((share, i) => (
                <Text key={fields[i]?.id} size="xs" c="dimmed">
                  Variant {i + 1}: {percentText(share)}
                </Text>
              ))}
            </Group>
          </Stack>
        )}
        {listError && (
          <Text size="sm" c="red" role="alert">
            {listError}
          </Text>
        )}
        {fields.map((field, i) => {
          const n = i + 1;
          return (
            <Paper key={field.id} withBorder p="sm" role="group" aria-label={`Variant ${n}`}>
              <Stack gap="sm">
                <Group justify="space-between">
                  <Text fw={600}>
                    Variant {n}
                    {mode === 'weighted' ? ` · ${percentText(shares[i] ?? 0)}` : ''}
                  </Text>
                  <Group gap={4}>
                    <ActionIcon
                      variant="subtle"
                      aria-label={`Move variant ${n} up`}
                      disabled={i === 0}
                      onClick={() => move(i, i - 1)}
                    >
                      ↑
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      aria-label={`Move variant ${n} down`}
                      disabled={i === fields.length - 1}
                      onClick={() => move(i, i + 1)}
                    >
                      ↓
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`Remove variant ${n}`}
                      onClick={() => remove(i)}
                    >
                      ✕
                    </ActionIcon>
                  </Group>
                </Group>
                <SimpleGrid cols={{ base: 1, sm: 3 }}>
                  <NumberField
                    name={`variants.${i}.weight`}
                    label={`Variant ${n} weight`}
                    min={0}
                    max={1_000_000}
                    allowDecimal={false}
                    disabled={mode !== 'weighted'}
                  />
                  <NumberField
                    name={`variants.${i}.status`}
                    label={`Variant ${n} status`}
                    min={100}
                    max={599}
                    allowDecimal={false}
                  />
                  <NumberField
                    name={`variants.${i}.delay_ms`}
                    label={`Variant ${n} delay_ms`}
                    min={0}
                    allowDecimal={false}
                  />
                </SimpleGrid>
                <SwitchField name={`variants.${i}.is_template`} label={`Variant ${n} is_template`} />
                <HeaderRows name={`variants.${i}.headers`} noun={`Variant ${n} header`} title={`Variant ${n} headers`} />
                <BodyField
                  name={`variants.${i}.body`}
                  typeName={`variants.${i}.body_type`}
                  templateName={`variants.${i}.is_template`}
                  label={`Variant ${n} body`}
                  typeLabel={`Variant ${n} body type`}
                  formatLabel={`Format variant ${n} body`}
                />
              </Stack>
            </Paper>
          );
        })}
        <Group>
          <Button variant="light" onClick={() => append(emptyVariant())}>
            Add variant
          </Button>
        </Group>
      </Stack>
    </Section>
  );
}
