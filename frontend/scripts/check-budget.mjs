// Size budget of the admin UI (issue 14): the JS and CSS a first visit loads
// must stay within 250 KB gzipped, and the lazy code-editor chunk within
// 150 KB gzipped. Reads Vite's manifest to tell the initial load (the entry
// and its static imports) from lazy chunks. Exit code 1 when over budget.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const dist = new URL('../dist/', import.meta.url).pathname;
const KB = 1000;
const budgets = { initial: 250 * KB, editor: 150 * KB };

const manifest = JSON.parse(readFileSync(`${dist}.vite/manifest.json`, 'utf8'));
const gz = (file) => gzipSync(readFileSync(dist + file), { level: 9 }).length;

/** Every JS/CSS file loaded with `key` up front: its own and its static imports'. */
function closure(key, seen = new Set()) {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const dep of manifest[key].imports ?? []) closure(dep, seen);
  return seen;
}

function filesOf(keys) {
  const files = new Set();
  for (const key of keys) {
    const chunk = manifest[key];
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
  }
  return files;
}

const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
if (!entry) throw new Error('no entry chunk in the Vite manifest; was the build run?');
const initialKeys = closure(entry);
const initialFiles = filesOf(initialKeys);
const editorKey = Object.keys(manifest).find((k) => /CodeEditorImpl/.test(k));
if (!editorKey) throw new Error('no lazy CodeEditorImpl chunk in the manifest');
// The editor chunk and what it alone pulls in (shared chunks already loaded don't count).
const editorFiles = [...filesOf(closure(editorKey))].filter((f) => !initialFiles.has(f));

const sum = (files) => [...files].reduce((total, f) => total + gz(f), 0);
const rows = [
  ['initial JS+CSS', sum(initialFiles), budgets.initial, [...initialFiles]],
  ['editor chunk', sum(editorFiles), budgets.editor, editorFiles],
];
let failed = false;
for (const [name, size, budget, files] of rows) {
  const ok = size <= budget;
  failed ||= !ok;
  console.log(
    `${ok ? 'ok  ' : 'OVER'} ${name}: ${(size / KB).toFixed(1)} KB gzipped (budget ${budget / KB} KB) — ${files.join(', ')}`,
  );
}
process.exit(failed ? 1 : 0);
