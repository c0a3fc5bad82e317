// Lazy-loaded by the Mocks page (its own chunk, outside the first load).
export { ImportDialog as default } from './ImportDialog';
