import { Input } from '@mantine/core';
import { useId } from '@mantine/hooks';
import { lazy, Suspense, type ReactNode } from 'react';

import type { CodeEditorProps, CodeLanguage } from './types';

// CodeMirror is heavy: it loads in its own chunk the first time an editor shows.
const CodeEditorImpl = lazy(() => import('./CodeEditorImpl'));

interface Props {
  label: ReactNode;
  description?: ReactNode;
  error?: ReactNode;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  language: CodeLanguage;
  minHeight?: number;
  readOnly?: boolean;
  /** Extra controls shown beside the label (e.g. a Format button). */
  actions?: ReactNode;
}

/**
 * A labelled code field. Until CodeMirror has loaded it is a plain textarea
 * with the same label, so the field is usable at once.
 */
export function CodeEditor({ label, description, error, actions, ...editor }: Props) {
  const id = useId();
  const labelId = `${id}-label`;
  const describedBy = error ? `${id}-error` : description ? `${id}-description` : undefined;
  const props: CodeEditorProps = {
    ...editor,
    labelledBy: labelId,
    describedBy,
    invalid: Boolean(error),
  };
  return (
    <Input.Wrapper
      id={id}
      label={label}
      labelProps={{ id: labelId, htmlFor: undefined, component: 'div' }}
      description={description}
      descriptionProps={{ id: `${id}-description` }}
      error={error}
      errorProps={{ id: `${id}-error` }}
      inputContainer={(children) => (
        <div>
          {actions}
          {children}
        </div>
      )}
    >
      <Suspense
        fallback={
          <textarea
            aria-labelledby={labelId}
            aria-describedby={describedBy}
            value={editor.value}
            onChange={(e) => editor.onChange(e.currentTarget.value)}
            readOnly={editor.readOnly}
            style={{ width: '100%', minHeight: editor.minHeight ?? 120, fontFamily: 'monospace' }}
          />
        }
      >
        <CodeEditorImpl {...props} />
      </Suspense>
    </Input.Wrapper>
  );
}
