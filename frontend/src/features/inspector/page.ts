// Lazy-loaded by the router (its own chunk).
export { InspectorPage as default } from './InspectorPage';
