// The tools an import reads (SPEC §13) and how the dialog names them.

import type { ImportFormat } from '../../../types/api';

export const FORMATS: readonly { value: ImportFormat; label: string }[] = [
  { value: 'openapi', label: 'OpenAPI / Swagger' },
  { value: 'wiremock', label: 'WireMock mappings' },
  { value: 'mockoon', label: 'Mockoon environment' },
  { value: 'har', label: 'HAR (browser network log)' },
  { value: 'mimicus', label: 'Mimicus export' },
];

export function formatLabel(format: ImportFormat): string {
  return FORMATS.find((f) => f.value === format)?.label ?? format;
}

/** What the file chooser offers (any file can still be picked). */
export const ACCEPTED_FILES =
  '.json,.yaml,.yml,.har,application/json,application/yaml,text/yaml,application/x-yaml';
