// Lazy-loaded by the router (its own chunk).
export { SettingsPage as default } from './SettingsPage';
