import { SimpleGrid } from '@mantine/core';
import { useWatch } from 'react-hook-form';

import { ApiName } from '../fields/FieldLabel';
import { NumberField, TextField } from '../fields/FormFields';
import type { MockFormValues } from '../schema';
import { Section } from './Section';

export function ProxySection() {
  const mode = useWatch<MockFormValues, 'mock_mode'>({ name: 'mock_mode' });
  return (
    <Section
      title="Proxy"
      hint={
        mode === 'mock'
          ? 'Used when mock_mode is proxy, proxy-with-fallback or passthrough.'
          : `mock_mode is ${mode}: requests are forwarded to the upstream.`
      }
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextField
          name="upstream_url"
          label={<ApiName>upstream_url</ApiName>}
          placeholder="https://api.example.com"
          withAsterisk={mode !== 'mock'}
          ff="monospace"
        />
        <NumberField
          name="timeout_seconds"
          label={<ApiName>timeout_seconds</ApiName>}
          min={0}
          max={3600}
          decimalScale={3}
        />
      </SimpleGrid>
    </Section>
  );
}
