import { Badge, Button, Code, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';

import { getApiKey } from '../../api';
import { localTime, timeAgo } from '../../lib/time';
import type { ApiKeySummary } from '../../types/api';
import { useRevokeApiKey } from './api';

function When({ iso, never }: { iso: string | null; never: string }) {
  if (!iso) return <Text size="sm" c="dimmed" span>{never}</Text>;
  return (
    <Text size="sm" title={localTime(iso)} span>
      {timeAgo(iso)}
    </Text>
  );
}

/** Stored keys (name, prefix, created, last used) with revoke-after-confirming. */
export function ApiKeysTable({ keys }: { keys: ApiKeySummary[] }) {
  const revoke = useRevokeApiKey();
  const [revoking, setRevoking] = useState<ApiKeySummary | null>(null);
  const stored = getApiKey();
  const isMine = (k: ApiKeySummary) => Boolean(stored?.startsWith(k.prefix));

  function confirm() {
    if (!revoking) return;
    const key = revoking;
    revoke.mutate(key, {
      onSuccess: () => {
        setRevoking(null);
        notifications.show({ message: `Revoked ${key.name}` });
      },
      onError: (e) =>
        notifications.show({ color: 'red', title: 'Could not revoke the key', message: e.message }),
    });
  }

  return (
    <>
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing="xs" aria-label="API keys" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Prefix</Table.Th>
              <Table.Th>Created</Table.Th>
              <Table.Th>Last used</Table.Th>
              <Table.Th>
                <Text span size="sm" fw={700}>
                  Actions
                </Text>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {keys.map((k) => (
              <Table.Tr key={k.id}>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Text size="sm">{k.name}</Text>
                    {isMine(k) && (
                      <Badge size="sm" variant="filled">
                        this browser
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Code>{k.prefix}…</Code>
                </Table.Td>
                <Table.Td>
                  <When iso={k.created_at} never="" />
                </Table.Td>
                <Table.Td>
                  <When iso={k.last_used_at} never="never" />
                </Table.Td>
                <Table.Td>
                  <Button size="xs" variant="subtle" color="red" onClick={() => setRevoking(k)}>
                    Revoke
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Modal opened={revoking !== null} onClose={() => setRevoking(null)} title="Revoke this key?">
        <Stack>
          <Text>
            “{revoking?.name}” (<Code>{revoking?.prefix}…</Code>) stops working at once: every script
            or browser using it gets 401.
            {revoking && isMine(revoking) && ' This browser uses it and will be logged out.'}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRevoking(null)}>
              Cancel
            </Button>
            <Button color="red" onClick={confirm} loading={revoke.isPending}>
              Revoke key
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
