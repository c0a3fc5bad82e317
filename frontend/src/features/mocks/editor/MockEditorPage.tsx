import { Alert, Anchor, Stack, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';

import { ApiError } from '../../../api';
import { PageLoader } from '../../../components/PageLoader';
import { usePageTitle } from '../../../lib/usePageTitle';
import { mocksApi } from '../api/mocks';
import { useMock } from '../api/queries';
import { emptyForm, mockToForm } from './convert';
import { requestToForm, requestToSample } from './fromRequest';
import { MockForm } from './MockForm';

/**
 * `/admin/mocks/new` and `/admin/mocks/{mock_id}` (SPEC §12);
 * `/admin/mocks/new?from_request={log_id}` starts from a logged request.
 */
export function MockEditorPage() {
  const { mockId } = useParams();
  const { data: mock, error, isPending } = useMock(mockId);
  usePageTitle(mockId ? (mock?.mock_name ?? 'Mock') : 'New mock');

  if (!mockId) return <NewMock />;
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

/** A new mock: empty, or pre-filled from the logged request in `from_request`. */
function NewMock() {
  const [params] = useSearchParams();
  const from = params.get('from_request');
  const source = useQuery({
    queryKey: ['inspector', 'detail', Number(from)],
    queryFn: ({ signal }) => mocksApi.loggedRequest(from ?? '', signal),
    enabled: Boolean(from),
    staleTime: Infinity,
  });
  if (!from) return <MockForm key="new" initial={emptyForm()} />;
  if (source.isPending) return <PageLoader />;
  if (!source.data) {
    return (
      <Stack>
        <Alert color="red" title="Could not load the request">
          {source.error?.message ?? `There is no logged request #${from}.`} Starting from an empty mock
          instead.
        </Alert>
        <MockForm key="new" initial={emptyForm()} />
      </Stack>
    );
  }
  return (
    <MockForm
      key={`from-${from}`}
      initial={requestToForm(source.data)}
      sample={requestToSample(source.data)}
    />
  );
}
