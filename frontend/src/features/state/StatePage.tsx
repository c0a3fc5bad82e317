import {
  Alert,
  Button,
  Code,
  Grid,
  Group,
  Modal,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useRef, useState } from 'react';
import { useSearchParams } from 'react-router';

import { PageLoader } from '../../components/PageLoader';
import { usePageTitle } from '../../lib/usePageTitle';
import { useSearchHotkey } from '../../lib/useSearchHotkey';
import { useClearSession, useSessions } from './api';
import { SessionKeys } from './SessionKeys';
import { SessionList } from './SessionList';
import { ValueDialog } from './ValueDialog';

/** `/admin/state` (SPEC §5, §12); `?session=` selects a session. */
export function StatePage() {
  usePageTitle('State');
  const [params, setParams] = useSearchParams();
  const selected = params.get('session');
  const { data, error, isPending } = useSessions();
  const clear = useClearSession();
  const [filter, setFilter] = useState('');
  const [adding, setAdding] = useState<'here' | 'new' | null>(null);
  const [confirmClear, setConfirmClear] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  useSearchHotkey(searchRef);

  const select = (session: string | null) =>
    setParams(session ? { session } : {}, { replace: false });
  const sessions = (data?.sessions ?? []).filter((s) =>
    s.session_id.toLowerCase().includes(filter.trim().toLowerCase()),
  );

  function clearSelected() {
    if (!selected) return;
    clear.mutate(selected, {
      onSuccess: (result) => {
        notifications.show({ message: `Cleared ${selected} (${result.deleted} keys)` });
        setConfirmClear(false);
        select(null);
      },
      onError: (e) =>
        notifications.show({ color: 'red', title: 'Could not clear the session', message: e.message }),
    });
  }

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>State</Title>
        <Button variant="default" onClick={() => setAdding('new')}>
          Set a value
        </Button>
      </Group>
      <Text c="dimmed" size="sm">
        Per-session state that templates read and write (<Code>state.get</Code>,{' '}
        <Code>state.set</Code>, <Code>state.inc</Code>), scoped by the session header or{' '}
        <Code>ip:&lt;client address&gt;</Code>.
      </Text>
      {error && (
        <Alert color="red" title="Could not load the sessions">
          {error.message}
        </Alert>
      )}
      {isPending ? (
        <PageLoader />
      ) : data && data.sessions.length === 0 ? (
        <Paper withBorder p="lg">
          <Text fw={600}>No state yet</Text>
          <Text c="dimmed" size="sm">
            State appears here when a template calls <Code>state.set</Code> or{' '}
            <Code>state.inc</Code>, or when you set a value with the button above.
          </Text>
        </Paper>
      ) : (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Stack gap="xs">
              <TextInput
                ref={searchRef}
                type="search"
                label="Search sessions"
                placeholder="Session id — press / to focus"
                value={filter}
                onChange={(e) => setFilter(e.currentTarget.value)}
              />
              {sessions.length === 0 ? (
                <Text c="dimmed" size="sm">
                  No session matches “{filter}”.
                </Text>
              ) : (
                <SessionList sessions={sessions} selected={selected} />
              )}
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 8 }}>
            {selected ? (
              <Stack component="section" aria-labelledby="state-session-title">
                <Group justify="space-between" align="center">
                  <Title order={2} size="h3" id="state-session-title" style={{ wordBreak: 'break-all' }}>
                    Session {selected}
                  </Title>
                  <Group gap="xs">
                    <Button variant="default" size="sm" onClick={() => setAdding('here')}>
                      Add a key
                    </Button>
                    <Button color="red" variant="light" size="sm" onClick={() => setConfirmClear(true)}>
                      Clear session
                    </Button>
                  </Group>
                </Group>
                <SessionKeys session={selected} />
              </Stack>
            ) : (
              <Text c="dimmed">Select a session to see its keys and values.</Text>
            )}
          </Grid.Col>
        </Grid>
      )}
      {adding && (
        <ValueDialog
          session={adding === 'here' ? (selected ?? undefined) : undefined}
          onClose={(savedTo) => {
            setAdding(null);
            if (savedTo && savedTo !== selected) select(savedTo);
          }}
        />
      )}
      <Modal
        opened={confirmClear}
        onClose={() => setConfirmClear(false)}
        title="Clear this session?"
      >
        <Stack>
          <Text>
            Every key of <Code>{selected}</Code> will be deleted. Templates start from scratch for this
            session.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmClear(false)}>
              Cancel
            </Button>
            <Button color="red" onClick={clearSelected} loading={clear.isPending}>
              Clear
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
