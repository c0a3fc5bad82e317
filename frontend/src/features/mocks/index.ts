// Public surface of the mocks feature (the app shell and router use these).
export { MocksPage } from './components/MocksPage';
export { useMocks } from './api/queries';
