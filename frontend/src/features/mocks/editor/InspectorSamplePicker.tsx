import { Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';

import { mocksApi } from '../api/mocks';
import { requestToSample } from './fromRequest';
import type { SampleRequest } from './sample';

/**
 * "Pick a request from the inspector": a recent logged request becomes the
 * preview's sample request. The list loads when the picker is first opened.
 */
export function InspectorSamplePicker({ onPick }: { onPick: (sample: SampleRequest) => void }) {
  const [opened, setOpened] = useState(false);
  const [picked, setPicked] = useState<string | null>(null);
  const recent = useQuery({
    queryKey: ['inspector', 'recent-samples'],
    queryFn: ({ signal }) => mocksApi.recentRequests(signal),
    enabled: opened,
    staleTime: 5_000,
  });
  const logs = recent.data?.logs ?? [];
  return (
    <Select
      label="Pick a request from the inspector"
      placeholder={recent.isFetching ? 'Loading…' : 'Recent requests'}
      value={picked}
      onDropdownOpen={() => setOpened(true)}
      onChange={(value) => {
        setPicked(value);
        const log = logs.find((l) => String(l.log_id) === value);
        if (log) onPick(requestToSample(log));
      }}
      data={logs.map((l) => ({
        value: String(l.log_id),
        label: `#${l.log_id} ${l.request_method} ${l.request_path} → ${l.response_status}`,
      }))}
      nothingFoundMessage={recent.isFetching ? 'Loading…' : 'No logged requests yet'}
      searchable
      w={360}
      maw="100%"
    />
  );
}
