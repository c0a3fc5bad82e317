import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { startServer, type RunningServer } from './server';

interface WorkerFixtures {
  server: RunningServer;
}

/** `server`: one mimicus per worker; `baseURL` points at its /admin/. */
export const test = base.extend<{ api: Api }, WorkerFixtures>({
  server: [
    async ({}, use) => {
      const server = await startServer();
      await use(server);
      await server.stop();
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ server }, use) => use(`${server.url}/admin/`),
  api: async ({ server }, use) => use(new Api(server.url)),
});

export { expect };

/** Talks to the server over HTTP from the test (not from the page). */
export class Api {
  constructor(readonly base: string) {}

  async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(this.base + path, {
      method,
      headers: body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let json: unknown = undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON
    }
    return { status: response.status, text, json: json as Record<string, unknown> };
  }

  async createMock(mock: Record<string, unknown>) {
    const created = await this.call('POST', '/api/admin/mocks', mock);
    expect(created.status, created.text).toBe(201);
    return created.json;
  }

  async getMock(id: string) {
    const got = await this.call('GET', `/api/admin/mocks/${id}`);
    expect(got.status, got.text).toBe(200);
    return got.json;
  }
}

/** A unique suffix, so tests sharing a server never collide. */
export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** No serious or critical axe violation on the page as it is now. */
export async function expectAccessible(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    `axe on ${label}`,
  ).toEqual([]);
}

export const SCREENSHOT_DIR = join(import.meta.dirname, '../e2e-screenshots');

/** Saves a full-page screenshot of the page in e2e-screenshots/ (ignored by git). */
export async function saveScreenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
