// CodeMirror 6, loaded lazily in its own chunk (see CodeEditor.tsx).

import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import {
  bracketMatching,
  defaultHighlightStyle,
  HighlightStyle,
  indentOnInput,
  syntaxHighlighting,
} from '@codemirror/language';
import { Compartment, EditorState, type Extension } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  keymap,
  lineNumbers,
  placeholder,
} from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { useComputedColorScheme } from '@mantine/core';
import { useEffect, useRef } from 'react';

import { jinjaJson, jinjaText } from './jinja';
import type { CodeEditorProps, CodeLanguage } from './types';

function languageOf(language: CodeLanguage): Extension {
  switch (language) {
    case 'json':
      return json();
    case 'jinja':
      return jinjaText;
    case 'jinja-json':
      return jinjaJson;
    default:
      return [];
  }
}

const darkHighlight = HighlightStyle.define([
  { tag: tags.keyword, color: '#c792ea' },
  { tag: tags.atom, color: '#f78c6c' },
  { tag: tags.brace, color: '#ffcb6b', fontWeight: 'bold' },
  { tag: [tags.string, tags.special(tags.string)], color: '#c3e88d' },
  { tag: [tags.number, tags.bool, tags.null], color: '#f78c6c' },
  { tag: [tags.propertyName, tags.attributeName], color: '#82aaff' },
  { tag: [tags.variableName, tags.name], color: '#eeffff' },
  { tag: [tags.brace, tags.bracket, tags.punctuation, tags.operator], color: '#89ddff' },
  { tag: tags.comment, color: '#7f8c98', fontStyle: 'italic' },
]);

function themeOf(dark: boolean): Extension {
  return [
    EditorView.theme(
      {
        '&': {
          fontSize: '13px',
          border: '1px solid var(--mantine-color-default-border)',
          borderRadius: 'var(--mantine-radius-sm)',
          backgroundColor: 'var(--mantine-color-body)',
          color: 'var(--mantine-color-text)',
        },
        '&.cm-focused': { outline: '2px solid var(--mantine-primary-color-filled)' },
        '.cm-content': { fontFamily: 'var(--mantine-font-family-monospace)' },
        '.cm-gutters': {
          backgroundColor: 'var(--mantine-color-default-hover)',
          color: 'var(--mantine-color-dimmed)',
          border: 'none',
        },
        '.cm-activeLine': { backgroundColor: 'transparent' },
        '&.cm-focused .cm-activeLine': { backgroundColor: 'var(--mantine-color-default-hover)' },
        '.cm-cursor': { borderLeftColor: 'var(--mantine-color-text)' },
        '.cm-placeholder': { color: 'var(--mantine-color-dimmed)' },
      },
      { dark },
    ),
    syntaxHighlighting(dark ? darkHighlight : defaultHighlightStyle),
  ];
}

export default function CodeEditorImpl(props: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const dark = useComputedColorScheme('light') === 'dark';
  const compartments = useRef({
    language: new Compartment(),
    theme: new Compartment(),
    attrs: new Compartment(),
    readOnly: new Compartment(),
  });
  // Latest callbacks, without re-creating the editor.
  const onChange = useRef(props.onChange);
  const onBlur = useRef(props.onBlur);
  onChange.current = props.onChange;
  onBlur.current = props.onBlur;

  const attributes = (p: CodeEditorProps) =>
    EditorView.contentAttributes.of({
      'aria-labelledby': p.labelledBy,
      ...(p.describedBy ? { 'aria-describedby': p.describedBy } : {}),
      ...(p.invalid ? { 'aria-invalid': 'true' } : {}),
    });

  useEffect(() => {
    if (!host.current) return;
    const c = compartments.current;
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: props.value,
        extensions: [
          lineNumbers(),
          history(),
          drawSelection(),
          indentOnInput(),
          bracketMatching(),
          highlightActiveLine(),
          placeholder(''),
          keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
          EditorView.lineWrapping,
          EditorView.updateListener.of((update) => {
            if (update.docChanged) onChange.current(update.state.doc.toString());
          }),
          EditorView.domEventHandlers({
            blur: () => {
              onBlur.current?.();
            },
          }),
          EditorView.theme({
            '.cm-content, .cm-gutter': { minHeight: `${props.minHeight ?? 120}px` },
          }),
          c.language.of(languageOf(props.language)),
          c.theme.of(themeOf(dark)),
          c.attrs.of(attributes(props)),
          c.readOnly.of(EditorState.readOnly.of(Boolean(props.readOnly))),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // The editor is created once; later prop changes are applied below.
  }, []);

  // Outside changes (reset, "Format") replace the document.
  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== props.value) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: props.value } });
    }
  }, [props.value]);

  useEffect(() => {
    view.current?.dispatch({
      effects: [
        compartments.current.language.reconfigure(languageOf(props.language)),
        compartments.current.theme.reconfigure(themeOf(dark)),
        compartments.current.attrs.reconfigure(attributes(props)),
        compartments.current.readOnly.reconfigure(EditorState.readOnly.of(Boolean(props.readOnly))),
      ],
    });
  }, [props.language, dark, props.labelledBy, props.describedBy, props.invalid, props.readOnly]);

  return <div ref={host} />;
}
