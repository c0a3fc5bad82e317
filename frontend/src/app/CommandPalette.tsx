import { Spotlight, type SpotlightActionData } from '@mantine/spotlight';
import { useNavigate } from 'react-router';

import { useMocks } from '../features/mocks';
import { NAV_ITEMS } from './nav';

/** Ctrl/Cmd+K: go to a page or a mock by name, id or path. */
export function CommandPalette() {
  const navigate = useNavigate();
  const { data } = useMocks();
  const pages: SpotlightActionData[] = [
    ...NAV_ITEMS.map((item) => ({
      id: `page:${item.to}`,
      label: item.label,
      description: item.description,
      onClick: () => void navigate(item.to),
    })),
    {
      id: 'page:new-mock',
      label: 'New mock',
      description: 'Create a mock',
      onClick: () => void navigate('/mocks/new'),
    },
  ];
  const mocks: SpotlightActionData[] = (data?.mocks ?? []).map((mock) => ({
    id: `mock:${mock.mock_id}`,
    label: mock.mock_name,
    description: `${mock.match_method} ${mock.match_path}`,
    keywords: [mock.mock_id, mock.match_path],
    onClick: () => void navigate(`/mocks/${encodeURIComponent(mock.mock_id)}`),
  }));
  return (
    <Spotlight
      actions={[
        { group: 'Pages', actions: pages },
        { group: 'Mocks', actions: mocks },
      ]}
      shortcut={['mod + K']}
      nothingFound="Nothing found"
      highlightQuery
      limit={30}
      scrollable
      maxHeight={420}
      searchProps={{ placeholder: 'Go to a page or a mock…', 'aria-label': 'Go to' }}
    />
  );
}
