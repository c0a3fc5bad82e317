import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Code,
  Group,
  Loader,
  Paper,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';

import { PageLoader } from '../../components/PageLoader';
import { localTime, timeAgo } from '../../lib/time';
import { usePageTitle } from '../../lib/usePageTitle';
import type { RecordingStatus, RecordingStopResult } from '../../types/api';
import { useCaptured, useRecordingStatus, useStopRecording } from './api';
import { CapturedTable } from './CapturedTable';
import { StartForm } from './StartForm';
import { StopResult } from './StopResult';

function StatusLine({ status }: { status: RecordingStatus }) {
  return (
    <Group gap="sm" wrap="wrap" role="status" aria-label="Recording status">
      <Badge color={status.active ? 'red' : 'gray'} variant="filled" size="lg">
        {status.active ? 'Recording' : 'Stopped'}
      </Badge>
      <Text size="sm">
        <Code>{status.upstream_url}</Code>
        {status.path_prefix && status.path_prefix !== '/' && (
          <>
            {' '}
            for requests under <Code>{status.path_prefix}</Code>
          </>
        )}
      </Text>
      {status.started_at && (
        <Text size="sm" c="dimmed" title={localTime(status.started_at)}>
          started {timeAgo(status.started_at)}
        </Text>
      )}
      <Text size="sm" fw={600}>
        {status.captured} captured
      </Text>
    </Group>
  );
}

/** `/admin/recording` (SPEC §8, §12): start, watch, stop and turn into mocks. */
export function RecordingPage() {
  usePageTitle('Recording');
  const { data: status, error, isPending } = useRecordingStatus();
  const captured = useCaptured(status);
  const stop = useStopRecording();
  const [createMocks, setCreateMocks] = useState(true);
  const [result, setResult] = useState<{ result: RecordingStopResult; createdMocks: boolean } | null>(
    null,
  );

  const [conflict, setConflict] = useState<string | null>(null);

  function stopRecording(withMocks: boolean) {
    setConflict(null);
    stop.mutate(withMocks, { onSuccess: (r) => setResult({ result: r, createdMocks: withMocks }) });
  }

  const hasRecording = Boolean(status && status.recording_id !== null);
  return (
    <Stack>
      <Title order={1}>Recording</Title>
      <Text c="dimmed" size="sm">
        While recording, requests that match no mock are forwarded to the upstream and each exchange is
        captured. Stop with “create mocks” and the same requests keep working without the upstream.
      </Text>
      {error && (
        <Alert color="red" title="Could not load the recording status">
          {error.message}
        </Alert>
      )}
      {isPending && <PageLoader />}
      {conflict && (
        <Alert
          color="orange"
          title="A recording is already running"
          withCloseButton
          onClose={() => setConflict(null)}
          closeButtonLabel="Dismiss"
        >
          {conflict}
        </Alert>
      )}

      {status?.active ? (
        <Paper withBorder p="md">
          <Stack>
            <StatusLine status={status} />
            <Group>
              <Checkbox
                label="Create mocks from the captures"
                checked={createMocks}
                onChange={(e) => setCreateMocks(e.currentTarget.checked)}
              />
              <Button color="red" onClick={() => stopRecording(createMocks)} loading={stop.isPending}>
                Stop recording
              </Button>
            </Group>
          </Stack>
        </Paper>
      ) : (
        status && (
          <Stack component="section" aria-labelledby="recording-start">
            <Title order={2} size="h3" id="recording-start">
              Start a recording
            </Title>
            <StartForm
              onConflict={setConflict}
              initial={{
                upstream_url: status.upstream_url ?? '',
                path_prefix: status.path_prefix && status.path_prefix !== '/' ? status.path_prefix : '',
              }}
            />
          </Stack>
        )
      )}

      {stop.error && (
        <Alert color="red" title="Could not stop the recording">
          {stop.error.message}
        </Alert>
      )}
      {result && !status?.active && <StopResult {...result} />}

      {hasRecording && status && (
        <Stack component="section" aria-labelledby="recording-captured">
          <Group justify="space-between">
            <Title order={2} size="h3" id="recording-captured">
              Captured
            </Title>
            {!status.active && status.captured > 0 && (
              <Button variant="default" onClick={() => stopRecording(true)} loading={stop.isPending}>
                Create mocks from these captures
              </Button>
            )}
          </Group>
          {!status.active && <StatusLine status={status} />}
          {captured.isPending ? (
            <Loader aria-label="Loading captures" />
          ) : captured.error ? (
            <Alert color="red" title="Could not load the captures">
              {captured.error.message}
            </Alert>
          ) : captured.data && captured.data.captured.length > 0 ? (
            <>
              {captured.data.count > captured.data.captured.length && (
                <Text size="sm" c="dimmed">
                  The newest {captured.data.captured.length} of {captured.data.count}.
                </Text>
              )}
              <CapturedTable captures={captured.data.captured} />
            </>
          ) : (
            <Text c="dimmed">
              {status.active
                ? 'Nothing captured yet. Send requests to this server that match no mock; they appear here within a second.'
                : 'This recording captured nothing.'}
            </Text>
          )}
        </Stack>
      )}
    </Stack>
  );
}
