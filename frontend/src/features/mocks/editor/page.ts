// Lazy-loaded by the router (its own chunk).
export { MockEditorPage as default } from './MockEditorPage';
