// Lazy-loaded by the router (its own chunk).
export { StatePage as default } from './StatePage';
