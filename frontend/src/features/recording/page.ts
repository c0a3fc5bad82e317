// Lazy-loaded by the router (its own chunk).
export { RecordingPage as default } from './RecordingPage';
