import { Group, SimpleGrid } from '@mantine/core';

import { MODES } from '../../components/filters';
import { ApiName } from '../fields/FieldLabel';
import { NumberField, SelectField, SwitchField, TagsField, TextField } from '../fields/FormFields';
import { METHODS } from '../schema';
import { Section } from './Section';

export function BasicsSection({ creating }: { creating: boolean }) {
  return (
    <Section title="Mock">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextField name="mock_name" label="Name" withAsterisk />
        <TextField
          name="mock_id"
          label={<ApiName>mock_id</ApiName>}
          description={creating ? 'Optional; a UUID is generated when empty' : 'Cannot be changed'}
          readOnly={!creating}
          ff="monospace"
        />
        <SelectField
          name="match_method"
          label="Method"
          data={METHODS}
          searchable
          description="ANY matches every method"
        />
        <TextField
          name="match_path"
          label="Path"
          withAsterisk
          placeholder="/api/users/{id}"
          description="Exact, with {param} or {*rest}, or a regex starting with ^"
          ff="monospace"
        />
        <NumberField
          name="mock_priority"
          label={<ApiName>mock_priority</ApiName>}
          description="Higher wins when several mocks match"
          allowDecimal={false}
        />
        <SelectField
          name="mock_mode"
          label={<ApiName>mock_mode</ApiName>}
          data={MODES}
          description="mock answers itself; the proxy modes forward to upstream_url"
        />
        <TagsField
          name="mock_tags"
          label={<ApiName>mock_tags</ApiName>}
          description="Press Enter after each tag"
        />
        <Group align="center" pt="lg">
          <SwitchField name="mock_enabled" label={<ApiName>mock_enabled</ApiName>} />
        </Group>
      </SimpleGrid>
    </Section>
  );
}
