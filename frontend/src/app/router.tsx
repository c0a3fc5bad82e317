import { lazy, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';

import { PageLoader } from '../components/PageLoader';
import { MocksPage } from '../features/mocks';
import { NotFoundPage } from './NotFoundPage';
import { Shell } from './Shell';

// Only the Mocks list is in the first load (budget: docs/ui.md); every other
// page is its own chunk, loaded when first opened. A feature folder's
// `page.ts` default-exports its page for this.
const MockEditorPage = lazy(() => import('../features/mocks/editor/page'));
const InspectorPage = lazy(() => import('../features/inspector/page'));
const StatePage = lazy(() => import('../features/state/page'));
const RecordingPage = lazy(() => import('../features/recording/page'));
const SettingsPage = lazy(() => import('../features/settings/page'));

function page(Page: React.ComponentType) {
  return (
    <Suspense fallback={<PageLoader />}>
      <Page />
    </Suspense>
  );
}

/**
 * SPEC §12 routes, under /admin/ (history routing). Other tools link to
 * these paths: keep them stable.
 */
export const routes = [
  {
    element: <Shell />,
    children: [
      { index: true, element: <MocksPage /> },
      { path: 'mocks/new', element: page(MockEditorPage) },
      { path: 'mocks/:mockId', element: page(MockEditorPage) },
      { path: 'inspector', element: page(InspectorPage) },
      { path: 'inspector/:logId', element: page(InspectorPage) },
      { path: 'state', element: page(StatePage) },
      { path: 'recording', element: page(RecordingPage) },
      { path: 'settings', element: page(SettingsPage) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes, { basename: '/admin' });
}
