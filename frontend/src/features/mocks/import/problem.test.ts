import { describe, expect, it } from 'vitest';

import { documentPosition, excerpt, readablePointer } from './problem';

describe('documentPosition', () => {
  it('reads the line and column of a YAML or JSON parse error', () => {
    expect(
      documentPosition('not valid YAML: mapping values are not allowed at line 2 column 11'),
    ).toEqual({
      line: 2,
      column: 11,
    });
    expect(documentPosition('expected `,` or `}` at line 12, column 4')).toEqual({
      line: 12,
      column: 4,
    });
  });

  it('is null when the message names no place', () => {
    expect(documentPosition('the document is empty')).toBeNull();
  });
});

describe('excerpt', () => {
  it('numbers the line at fault and the one before, with a caret under the column', () => {
    const text = ['a: 1', 'b: 2', 'c: [', 'd: 4'].join('\n');
    expect(excerpt(text, 3, 4)).toBe(['2 | b: 2', '3 | c: [', '  |    ^'].join('\n'));
  });

  it('pads the previous line number when the line at fault has more digits', () => {
    const text = Array.from({ length: 10 }, (_, i) => `line${i + 1}`).join('\n');
    expect(excerpt(text, 10, 1)).toBe([' 9 | line9', '10 | line10', '   | ^'].join('\n'));
  });

  it('cuts a long line around the column (minified JSON)', () => {
    const text = `${'x'.repeat(500)}!${'y'.repeat(500)}`;
    const [line, caret] = excerpt(text, 1, 501)!.split('\n');
    expect(line!.length).toBeLessThan(140);
    expect(line!.startsWith('1 | …')).toBe(true);
    expect(line!.endsWith('…')).toBe(true);
    expect(line![caret!.indexOf('^')]).toBe('!');
  });

  it('keeps tabs so the caret lines up, and reaches past the end of a line', () => {
    expect(excerpt('\tkey: [', 1, 3)).toBe(['1 | \tkey: [', '  | \t ^'].join('\n'));
    expect(excerpt('{"a": ', 1, 7)).toBe(['1 | {"a": ', '  |       ^'].join('\n'));
  });

  it('is null for a line the document does not have', () => {
    expect(excerpt('one line', 3, 1)).toBeNull();
    expect(excerpt('one line', 0, 1)).toBeNull();
  });
});

describe('readablePointer', () => {
  it('unescapes ~1 and ~0 and joins the keys', () => {
    expect(readablePointer('/paths/~1pets~0old/get/responses/200')).toBe(
      'paths › /pets~old › get › responses › 200',
    );
    expect(readablePointer('')).toBe('the whole document');
  });
});
