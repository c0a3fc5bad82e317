import { PlaceholderPage } from '../../components/PlaceholderPage';

// Placeholder: issue 14 part 2 builds this page (see docs/ui.md).
export function InspectorPage() {
  return <PlaceholderPage title="Inspector">The live request timeline will appear here. Meanwhile the inspector is available through the admin API at /api/admin/inspector/requests.</PlaceholderPage>;
}
