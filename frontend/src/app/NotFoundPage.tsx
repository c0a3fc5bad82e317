import { Anchor, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';

import { usePageTitle } from '../lib/usePageTitle';

export function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <Stack>
      <Title order={1}>Page not found</Title>
      <Text>
        There is no admin page at this address.{' '}
        <Anchor component={Link} to="/">
          Go to the mocks
        </Anchor>
        .
      </Text>
    </Stack>
  );
}
