import { Alert, Anchor, Stack, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';

import { ApiError } from '../../../api';
import { PageLoader } from '../../../components/PageLoader';
import { usePageTitle } from '../../../lib/usePageTitle';
import { useMock } from '../api/queries';
import { emptyForm, mockToForm } from './convert';
import { MockForm } from './MockForm';

/** `/admin/mocks/new` and `/admin/mocks/{mock_id}` (SPEC §12). */
export function MockEditorPage() {
  const { mockId } = useParams();
  const { data: mock, error, isPending } = useMock(mockId);
  usePageTitle(mockId ? (mock?.mock_name ?? 'Mock') : 'New mock');

  if (!mockId) return <MockForm key="new" initial={emptyForm()} />;
  if (isPending) return <PageLoader />;
  if (error || !mock) {
    const missing = error instanceof ApiError && error.status === 404;
    return (
      <Stack>
        <Title order={1}>{missing ? 'Mock not found' : 'Could not load the mock'}</Title>
        <Alert color="red">
          {missing ? `There is no mock with the id "${mockId}".` : error?.message}
        </Alert>
        <Anchor component={Link} to="/">
          Back to the mocks
        </Anchor>
      </Stack>
    );
  }
  return <MockForm key={mock.mock_id} mock={mock} initial={mockToForm(mock)} />;
}
