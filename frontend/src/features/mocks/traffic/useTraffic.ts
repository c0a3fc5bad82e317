import { useQuery } from '@tanstack/react-query';

import { mocksApi } from '../api/mocks';

/** Minutes the panel and the sparklines look back. */
export const TRAFFIC_WINDOW_SECONDS = 300;
/** How often the picture refreshes while shown. */
export const TRAFFIC_REFRESH_MS = 2_000;

/** `GET /api/admin/traffic`, refreshed while the page is open. */
export function useTraffic() {
  return useQuery({
    queryKey: ['traffic', TRAFFIC_WINDOW_SECONDS],
    queryFn: ({ signal }) => mocksApi.traffic(TRAFFIC_WINDOW_SECONDS, signal),
    refetchInterval: TRAFFIC_REFRESH_MS,
  });
}

/** Each hit mock's recent hits, by id, for the table's sparklines. */
export function recentHitsById(report: { mocks: { mock_id: string; hits: number[] }[] } | undefined) {
  return new Map((report?.mocks ?? []).map((m) => [m.mock_id, m.hits]));
}
