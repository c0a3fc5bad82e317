import { PlaceholderPage } from '../../components/PlaceholderPage';

// Placeholder: issue 14 part 2 builds this page (see docs/ui.md).
export function StatePage() {
  return <PlaceholderPage title="State">Sessions and their state will appear here. Meanwhile use the admin API at /api/admin/state.</PlaceholderPage>;
}
