import { Alert, Button, Code, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';

import { clearApiKey, getApiKey, subscribeAuth } from '../../api';
import { usePageTitle } from '../../lib/usePageTitle';
import { useApiKeys } from './api';
import { ApiKeysTable } from './ApiKeysTable';
import { NewKey } from './NewKey';
import { ServerInfoPanel } from './ServerInfoPanel';

/** `/admin/settings` (SPEC §11, §12): API keys and server info. */
export function SettingsPage() {
  usePageTitle('Settings');
  const { data, error, isPending } = useApiKeys();
  const stored = useSyncExternalStore(subscribeAuth, getApiKey);
  const queryClient = useQueryClient();

  return (
    <Stack gap="xl">
      <Title order={1}>Settings</Title>

      <Stack component="section" aria-labelledby="settings-keys">
        <Title order={2} size="h3" id="settings-keys">
          API keys
        </Title>
        <Text size="sm" c="dimmed">
          Once a key exists, every admin API call needs one (the mock surface never does). Keys are
          stored hashed. A key given with <Code>--api-key</Code> is not listed here.
        </Text>
        <NewKey />
        {error && (
          <Alert color="red" title="Could not load the keys">
            {error.message}
          </Alert>
        )}
        {isPending ? (
          <Loader aria-label="Loading keys" />
        ) : data && data.api_keys.length === 0 ? (
          <Text c="dimmed">No API keys yet: the admin API is open while it listens on loopback only.</Text>
        ) : (
          data && <ApiKeysTable keys={data.api_keys} />
        )}
        <Paper withBorder p="sm">
          <Group justify="space-between">
            <Text size="sm">
              {stored ? (
                <>
                  This browser sends a stored key (<Code>{stored.slice(0, 12)}…</Code>) as X-API-Key.
                </>
              ) : (
                'This browser has no stored API key.'
              )}
            </Text>
            {stored && (
              <Button
                variant="default"
                size="xs"
                onClick={() => {
                  clearApiKey();
                  void queryClient.resetQueries();
                }}
              >
                Forget this browser's key
              </Button>
            )}
          </Group>
        </Paper>
      </Stack>

      <Stack component="section" aria-labelledby="settings-server">
        <Title order={2} size="h3" id="settings-server">
          Server
        </Title>
        <ServerInfoPanel />
      </Stack>
    </Stack>
  );
}
