import { Stack, Text, Title } from '@mantine/core';

import { usePageTitle } from '../lib/usePageTitle';

/** A page whose feature has not landed yet; keeps its route and h1 (SPEC §12). */
export function PlaceholderPage({ title, children }: { title: string; children: React.ReactNode }) {
  usePageTitle(title);
  return (
    <Stack>
      <Title order={1}>{title}</Title>
      <Text c="dimmed">{children}</Text>
    </Stack>
  );
}
