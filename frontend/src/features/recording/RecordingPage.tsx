import { PlaceholderPage } from '../../components/PlaceholderPage';

// Placeholder: issue 14 part 2 builds this page (see docs/ui.md).
export function RecordingPage() {
  return <PlaceholderPage title="Recording">Recording a real backend into mocks will be available here.</PlaceholderPage>;
}
