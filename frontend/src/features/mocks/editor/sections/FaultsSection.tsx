import { SimpleGrid, Stack, Text } from '@mantine/core';
import { useWatch } from 'react-hook-form';

import { ApiName } from '../fields/FieldLabel';
import { NumberField, SelectField, TextAreaField } from '../fields/FormFields';
import { RATE_LIMIT_SCOPES, type MockFormValues } from '../schema';
import { Section } from './Section';

/** Delay, simulated errors and rate limit (SPEC §7). */
export function FaultsSection() {
  const rate = useWatch<MockFormValues, 'error_rate'>({ name: 'error_rate' });
  return (
    <Section title="Delay, errors and rate limit" hint="Order: rate limit → simulated error → delay → response.">
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberField
            name="response_delay_ms"
            label={<ApiName>response_delay_ms</ApiName>}
            description="Milliseconds before answering"
            min={0}
            allowDecimal={false}
          />
          <NumberField
            name="response_delay_max_ms"
            label={<ApiName>response_delay_max_ms</ApiName>}
            description="If set, the delay is random between the two"
            min={0}
            allowDecimal={false}
          />
          <NumberField
            name="error_rate"
            label={<ApiName>error_rate</ApiName>}
            description="Percent of requests answered with the error below"
            min={0}
            max={100}
            suffix=" %"
          />
          <NumberField
            name="error_status_code"
            label={<ApiName>error_status_code</ApiName>}
            min={100}
            max={599}
            allowDecimal={false}
          />
        </SimpleGrid>
        <TextAreaField
          name="error_body"
          label={<ApiName>error_body</ApiName>}
          description={Number(rate || 0) > 0 ? 'Sent with the simulated errors' : 'Used when error_rate is above 0'}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NumberField
            name="rate_limit_requests"
            label={<ApiName>rate_limit_requests</ApiName>}
            description="Empty: no limit"
            min={1}
            allowDecimal={false}
          />
          <NumberField
            name="rate_limit_window_seconds"
            label={<ApiName>rate_limit_window_seconds</ApiName>}
            min={1}
            allowDecimal={false}
          />
          <SelectField
            name="rate_limit_scope"
            label={<ApiName>rate_limit_scope</ApiName>}
            data={[...RATE_LIMIT_SCOPES]}
          />
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          Over the limit, requests get 429 with Retry-After.
        </Text>
      </Stack>
    </Section>
  );
}
