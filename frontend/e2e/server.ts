// Starts the real mimicus binary on a random port with a temp database.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const BINARY = resolve(
  process.env.MIMICUS_BIN ?? join(import.meta.dirname, '../../target/debug/mimicus'),
);

export interface RunningServer {
  url: string;
  stop: () => Promise<void>;
}

export async function startServer(extraArgs: string[] = []): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'mimicus-e2e-'));
  const child: ChildProcess = spawn(
    BINARY,
    ['serve', '--port', '0', '--database-url', join(dir, 'e2e.db'), ...extraArgs],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, RUST_LOG: process.env.RUST_LOG ?? 'error' } },
  );
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`${BINARY} did not start within 20 s`)), 20_000);
    child.once('error', (e) => fail(new Error(`could not start ${BINARY}: ${e.message}`)));
    child.once('exit', (code) => fail(new Error(`${BINARY} exited with ${code} before listening`)));
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = /listening on (http:\/\/\S+)/.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        ok(match[1]);
      }
    });
  });
  return {
    url,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
