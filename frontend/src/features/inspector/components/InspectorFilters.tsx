import { Button, Group, Select, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useEffect, useState } from 'react';

import type { Outcome, RequestLogFilters } from '../../../types/api';
import { FILTER_METHODS, hasFilters, OUTCOMES } from '../filters';

interface Props {
  filters: RequestLogFilters;
  onChange: (change: Partial<RequestLogFilters>) => void;
  mockNames: Map<string, string> | undefined;
}

/** A text filter that updates at once and reaches the URL after a pause. */
function useTextFilter(value: string | undefined, commit: (value: string) => void) {
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  const debounced = useDebouncedCallback(commit, 300);
  return {
    value: text,
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => {
      setText(e.currentTarget.value);
      debounced(e.currentTarget.value);
    },
  };
}

/** Method, path, status, outcome, mock and session (SPEC §10), kept in the URL. */
export function InspectorFilters({ filters, onChange, mockNames }: Props) {
  const path = useTextFilter(filters.path, (v) => onChange({ path: v.trim() || undefined }));
  const session = useTextFilter(filters.session_id, (v) => onChange({ session_id: v.trim() || undefined }));
  const status = useTextFilter(filters.status?.toString(), (v) => {
    const n = Number(v);
    onChange({ status: Number.isInteger(n) && n >= 100 && n <= 599 ? n : undefined });
  });
  const mocks = [...(mockNames ?? new Map<string, string>())].map(([value, label]) => ({
    value,
    label: `${label} (${value})`,
  }));
  if (filters.mock_id && !mockNames?.has(filters.mock_id)) {
    mocks.push({ value: filters.mock_id, label: filters.mock_id });
  }

  return (
    <Group align="flex-end" gap="sm" wrap="wrap" role="search" aria-label="Filter requests">
      <Select
        label="Method"
        value={filters.method ?? ''}
        onChange={(v) => onChange({ method: v || undefined })}
        data={[{ value: '', label: 'Any' }, ...FILTER_METHODS]}
        allowDeselect={false}
        w={110}
      />
      <TextInput
        label="Path contains"
        placeholder="/api/users"
        {...path}
        w={200}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
      />
      <TextInput label="Status" placeholder="404" inputMode="numeric" {...status} w={90} />
      <Select
        label="Outcome"
        value={filters.outcome ?? ''}
        onChange={(v) => onChange({ outcome: (v || undefined) as Outcome | undefined })}
        data={[{ value: '', label: 'Any outcome' }, ...OUTCOMES.map((o) => ({ value: o, label: o.replace('_', ' ') }))]}
        allowDeselect={false}
        w={160}
      />
      <Select
        label="Mock"
        value={filters.mock_id ?? ''}
        onChange={(v) => onChange({ mock_id: v || undefined })}
        data={[{ value: '', label: 'Any mock' }, ...mocks]}
        allowDeselect={false}
        searchable
        w={220}
      />
      <TextInput label="Session" placeholder="X-Session-ID value" {...session} w={170} />
      {hasFilters(filters) && (
        <Button
          variant="subtle"
          onClick={() =>
            onChange({
              method: undefined,
              path: undefined,
              status: undefined,
              outcome: undefined,
              mock_id: undefined,
              session_id: undefined,
            })
          }
        >
          Clear filters
        </Button>
      )}
    </Group>
  );
}
