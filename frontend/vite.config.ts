/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The UI is served by the mimicus binary under /admin/ (SPEC §12).
export default defineConfig({
  base: '/admin/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The budget script reads the manifest to tell the initial load from lazy chunks.
    manifest: true,
    sourcemap: false,
    target: 'es2022',
  },
  server: {
    // `npm run dev` talks to a server started with `make run`.
    proxy: { '/api': 'http://127.0.0.1:18000' },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    // The 2-core CI machine runs these beside cargo builds; a lazy chunk or a
    // first render can take seconds there, so waits are generous (a failing
    // assertion still fails, only later).
    testTimeout: 30_000,
  },
});
