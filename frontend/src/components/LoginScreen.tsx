import { Button, Center, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';

import { api, ApiError, clearApiKey, setApiKey } from '../api';

/**
 * Asks for an admin API key (SPEC §11) when the API answered 401. The key is
 * checked with one harmless call, then kept in localStorage.
 */
export function LoginScreen({ onLoggedIn }: { onLoggedIn: () => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const trimmed = key.trim();
    if (!trimmed) {
      setError('Enter an API key.');
      return;
    }
    setBusy(true);
    setError(null);
    setApiKey(trimmed);
    try {
      await api.get('/mocks', { limit: 1 });
      onLoggedIn();
    } catch (e) {
      clearApiKey();
      setError(
        e instanceof ApiError && e.status === 401
          ? 'That API key was refused. Check it and try again.'
          : e instanceof Error
            ? e.message
            : String(e),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <Center component="main" mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="xl" w={420} maw="100%">
        <form onSubmit={submit} noValidate>
          <Stack>
            <Title order={1} size="h2">
              Log in to Mimicus
            </Title>
            <Text c="dimmed" size="sm">
              This server requires an admin API key. It is kept in this browser and sent as the
              X-API-Key header.
            </Text>
            <PasswordInput
              label="API key"
              value={key}
              onChange={(e) => setKey(e.currentTarget.value)}
              error={error}
              autoFocus
              autoComplete="current-password"
            />
            <Button type="submit" loading={busy}>
              Log in
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
