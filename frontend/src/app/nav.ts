/** The navigation entries (SPEC §12 names and paths). */
export const NAV_ITEMS = [
  { label: 'Mocks', to: '/', description: 'Mock definitions' },
  { label: 'Inspector', to: '/inspector', description: 'Logged requests' },
  { label: 'State', to: '/state', description: 'Sessions and state' },
  { label: 'Recording', to: '/recording', description: 'Record a backend' },
  { label: 'Settings', to: '/settings', description: 'API keys and server info' },
] as const;
