import { PlaceholderPage } from '../../components/PlaceholderPage';

// Placeholder: issue 14 part 2 builds this page (see docs/ui.md).
export function SettingsPage() {
  return <PlaceholderPage title="Settings">API keys and server information will appear here. Meanwhile use the admin API at /api/admin/api-keys.</PlaceholderPage>;
}
