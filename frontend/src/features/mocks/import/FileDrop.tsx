import { FileInput, Paper, Text } from '@mantine/core';

import { ACCEPTED_FILES } from './formats';

interface Props {
  file: File | null;
  onFile: (file: File | null) => void;
  /** A file is being dragged over the dialog. */
  dragging: boolean;
}

/**
 * Where a file is chosen. The drop itself is handled by the whole dialog
 * (see `useFileDrop`), so a file dropped anywhere on it counts; this box
 * shows where to drop and lights up while a file is dragged.
 */
export function FileDrop({ file, onFile, dragging }: Props) {
  return (
    <Paper
      withBorder
      p="md"
      style={{
        borderStyle: 'dashed',
        borderWidth: 2,
        borderColor: dragging ? 'var(--mantine-primary-color-filled)' : undefined,
      }}
    >
      <Text size="sm" mb="xs">
        Drop an OpenAPI or Swagger spec, WireMock mappings, a Mockoon environment, a HAR file or a
        Mimicus export here, or choose it:
      </Text>
      <FileInput
        label="File"
        placeholder="Choose a .json, .yaml or .har file"
        accept={ACCEPTED_FILES}
        value={file}
        onChange={onFile}
        clearable
        clearButtonProps={{ 'aria-label': 'Clear the file' }}
      />
    </Paper>
  );
}
