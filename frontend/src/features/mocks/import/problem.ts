// Helpers that point a person at the place in the file an import error names.

/** `line 4 column 3` (or `line 4, column 3`) in a parser's message. */
export function documentPosition(detail: string): { line: number; column: number } | null {
  const match = /line (\d+),? column (\d+)/i.exec(detail);
  if (!match) return null;
  return { line: Number(match[1]), column: Number(match[2]) };
}

/** Columns shown around the one at fault when a line is long (minified JSON). */
const WINDOW = 60;

/** A long line cut to the columns around `column` (1-based): its text, and where the column lands in it. */
function around(content: string, column: number): { shown: string; caret: number } {
  if (content.length <= 2 * WINDOW) return { shown: content, caret: column - 1 };
  const start = Math.min(Math.max(0, column - 1 - WINDOW), content.length - 2 * WINDOW);
  const end = start + 2 * WINDOW;
  const head = start > 0 ? '…' : '';
  return {
    shown: `${head}${content.slice(start, end)}${end < content.length ? '…' : ''}`,
    caret: column - 1 - start + head.length,
  };
}

/**
 * The line at fault after the one before it, both numbered, with a caret
 * under the column; long lines are cut around the column. Null when the
 * document has no such line.
 */
export function excerpt(text: string, line: number, column: number): string | null {
  const lines = text.split(/\r?\n/);
  const at = line >= 1 ? lines[line - 1] : undefined;
  if (at === undefined) return null;
  const width = String(line).length;
  const numbered = (n: number, content: string) => `${String(n).padStart(width)} | ${content}`;
  const { shown, caret } = around(at, column);
  const before = lines[line - 2];
  return [
    ...(before !== undefined ? [numbered(line - 1, around(before, column).shown)] : []),
    numbered(line, shown),
    // Tabs kept, so the caret lines up under tab-indented text too.
    `${' '.repeat(width)} | ${shown
      .slice(0, Math.max(0, caret))
      .replace(/[^\t]/g, ' ')
      .padEnd(caret)}^`,
  ].join('\n');
}

/** A JSON Pointer as the keys it walks: `/paths/~1pets/get` → `paths › /pets › get`. */
export function readablePointer(pointer: string): string {
  if (pointer === '') return 'the whole document';
  return pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join(' › ');
}
