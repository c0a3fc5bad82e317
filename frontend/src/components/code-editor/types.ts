export type CodeLanguage = 'json' | 'jinja' | 'jinja-json' | 'text';

export interface CodeEditorProps {
  /** Id of the element that labels the editor (its visible label). */
  labelledBy: string;
  /** Id of the element that describes it (help text or error), if any. */
  describedBy?: string;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  language: CodeLanguage;
  invalid?: boolean;
  minHeight?: number;
  readOnly?: boolean;
}
