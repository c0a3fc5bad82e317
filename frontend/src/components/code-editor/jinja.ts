// Jinja2 highlighting as a small stream parser. @codemirror/lang-jinja would
// pull in the HTML, CSS and JavaScript parsers (~85 KB gzipped) that response
// templates do not need.

import { StreamLanguage, type StringStream } from '@codemirror/language';

interface State {
  tag: null | 'expr' | 'stmt' | 'comment';
}

const KEYWORDS =
  /^(?:if|elif|else|endif|for|endfor|in|set|endset|macro|endmacro|call|endcall|filter|endfilter|with|endwith|block|endblock|extends|include|import|from|as|not|and|or|is|recursive|raw|endraw)\b/;
const CONSTANTS = /^(?:true|false|none|True|False|None)\b/;
const STRING = /^(?:"(?:[^"\\]|\\.)*"?|'(?:[^'\\]|\\.)*'?)/;
const NUMBER = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/;
const OPEN = /^\{[{%#]/;

function insideTag(stream: StringStream, state: State): string | null {
  if (state.tag === 'comment') {
    if (stream.skipTo('#}')) {
      stream.match('#}');
      state.tag = null;
    } else stream.skipToEnd();
    return 'comment';
  }
  if (stream.match(state.tag === 'expr' ? /^-?\}\}/ : /^-?%\}/)) {
    state.tag = null;
    return 'brace';
  }
  if (stream.eatSpace()) return null;
  if (stream.match(STRING)) return 'string';
  if (stream.match(NUMBER)) return 'number';
  if (stream.match(KEYWORDS)) return 'keyword';
  if (stream.match(CONSTANTS)) return 'atom';
  if (stream.match(/^[A-Za-z_]\w*/)) return 'variableName';
  stream.next();
  return 'operator';
}

function openTag(stream: StringStream, state: State): string | null {
  if (stream.match('{{')) state.tag = 'expr';
  else if (stream.match('{%')) state.tag = 'stmt';
  else if (stream.match('{#')) {
    state.tag = 'comment';
    return 'comment';
  } else return null;
  stream.eat('-');
  return 'brace';
}

/** Text outside tags: JSON tokens when `json`, else plain. */
function outside(stream: StringStream, json: boolean): string | null {
  if (json) {
    if (stream.eatSpace()) return null;
    if (stream.match(STRING)) return stream.match(/^\s*:/, false) ? 'propertyName' : 'string';
    if (stream.match(NUMBER)) return 'number';
    if (stream.match(/^(?:true|false|null)\b/)) return 'atom';
    if (stream.match(/^[{}[\],:]/)) return 'punctuation';
  }
  stream.next();
  while (!stream.eol() && !stream.match(OPEN, false) && !(json && stream.match(/^["\s\d{}[\],:]/, false))) {
    stream.next();
  }
  return null;
}

function jinjaParser(json: boolean) {
  return StreamLanguage.define<State>({
    name: json ? 'jinja-json' : 'jinja',
    startState: () => ({ tag: null }),
    copyState: (s) => ({ ...s }),
    token(stream, state) {
      if (state.tag) return insideTag(stream, state);
      return openTag(stream, state) ?? outside(stream, json);
    },
    languageData: { commentTokens: { block: { open: '{#', close: '#}' } } },
  });
}

export const jinjaText = jinjaParser(false);
export const jinjaJson = jinjaParser(true);
