import { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';

import { AppProviders } from '../app/App';
import { routes } from '../app/router';

/** The whole app (providers, login gate, routes) at `path`, in memory. */
export function renderApp(path = '/') {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const view = render(
    <AppProviders queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...view, router, queryClient };
}

/**
 * A fetch stub answering by "METHOD /path" (the handler gets the URL for
 * its query); unknown → 404.
 */
export function fakeApi(routes: Record<string, (init: RequestInit, url: URL) => [number, unknown]>) {
  return async (url: string, init: RequestInit = {}) => {
    const parsed = new URL(url, 'http://localhost');
    const path = parsed.pathname;
    const handler = routes[`${init.method ?? 'GET'} ${path}`];
    const [status, body] = handler
      ? handler(init, parsed)
      : [404, { error: 'not_found', detail: `no ${path}` }];
    return new Response(status === 204 ? null : JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json' },
    });
  };
}
