import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';

import type { Mock } from '../../../types/api';
import { useBulkImport, useDeleteMocks } from '../api/queries';

/** What the export holds for a mock: everything but the read-only times. */
export function definitionOf(mock: Mock): Omit<Mock, 'created_at' | 'updated_at'> {
  const { created_at: _created, updated_at: _updated, ...definition } = mock;
  return definition;
}

/**
 * Deletes mocks at once and offers Undo in a notification, which re-creates
 * the deleted definitions (same ids) through the bulk import.
 */
export function useDeleteWithUndo() {
  const remove = useDeleteMocks();
  const restore = useBulkImport();

  return async (mocks: Mock[]) => {
    if (mocks.length === 0) return;
    const what = mocks.length === 1 ? `"${mocks[0]?.mock_name}"` : `${mocks.length} mocks`;
    try {
      await remove.mutateAsync(mocks);
    } catch (e) {
      notifications.show({ color: 'red', title: 'Delete failed', message: String(e) });
      return;
    }
    const id = notifications.show({
      title: `Deleted ${what}`,
      autoClose: 10_000,
      message: (
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm">You can undo this for a few seconds.</Text>
          <Button
            size="xs"
            variant="light"
            onClick={async () => {
              notifications.hide(id);
              try {
                const result = await restore.mutateAsync({
                  document: { mocks: mocks.map(definitionOf) },
                  upsert: false,
                });
                notifications.show({
                  color: result.errors ? 'yellow' : 'green',
                  title: result.errors ? 'Partly restored' : `Restored ${what}`,
                  message: result.error_details.map((d) => d.error).join('; ') || ' ',
                });
              } catch (e) {
                notifications.show({ color: 'red', title: 'Undo failed', message: String(e) });
              }
            }}
          >
            Undo
          </Button>
        </Group>
      ),
    });
  };
}
