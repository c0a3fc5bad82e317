import { Alert, Code, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';

import { ApiError } from '../../../api';
import { documentPosition, excerpt, readablePointer } from './problem';

interface Props {
  error: Error;
  /** The document sent, to quote the line a parse error names. */
  document: Blob | null;
  /** Said under the message when the import itself failed (not its preview). */
  nothingStored?: boolean;
}

function titleOf(error: Error): string {
  if (!(error instanceof ApiError)) return 'The import failed';
  if (error.code === 'malformed_document') return 'The file is not valid JSON or YAML';
  if (error.status === 413) return 'The file is too large for the server';
  if (error.status === 422) return 'The file cannot be imported';
  if (error.status === 0) return 'Could not reach the server';
  return 'The import failed';
}

/** An import refused whole (SPEC §13): what is wrong, and where in the file. */
export function ImportProblem({ error, document, nothingStored }: Props) {
  const apiError = error instanceof ApiError ? error : null;
  const position =
    apiError?.code === 'malformed_document' ? documentPosition(apiError.detail) : null;
  const line = position?.line;
  const column = position?.column;
  const [quote, setQuote] = useState<string | null>(null);

  useEffect(() => {
    setQuote(null);
    if (!document || line === undefined || column === undefined) return;
    let current = true;
    document.text().then(
      (text) => current && setQuote(excerpt(text, line, column)),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [document, line, column]);

  const pointer = apiError?.field;
  return (
    <Alert color="red" title={titleOf(error)}>
      <Stack gap="xs">
        <Text size="sm">{apiError?.detail ?? error.message}</Text>
        {pointer !== undefined && (
          <Text size="sm">
            Where in the file: <Code>{pointer || '/'}</Code>
            {pointer.startsWith('/') && ` (${readablePointer(pointer)})`}
          </Text>
        )}
        {quote && position && (
          <>
            <Text size="sm">
              Line {position.line}, column {position.column}:
            </Text>
            <Code block>{quote}</Code>
          </>
        )}
        {apiError?.status === 413 && (
          <Text size="sm">
            The server accepts bodies up to its <Code>--body-limit</Code> (10 MiB unless
            configured): raise it, or import the file with <Code>mimicus import FILE</Code>
            (up to 256 MiB).
          </Text>
        )}
        {nothingStored && <Text size="sm">Nothing was imported.</Text>}
      </Stack>
    </Alert>
  );
}
