import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          // Pure and fast: both cores, not Vitest's default of one worker per core minus one.
          maxWorkers: 2,
        },
        resolve: {
          // Electron main and preload are tested under Node against a recording stand-in.
          alias: { electron: resolve(__dirname, 'test/support/electron-stub.ts') },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          pool: 'forks',
          // Files in one worker share loaded modules instead of importing the host afresh for each file:
          // imports were 437 of 490 s of worker time, and the run went from 490 s to 335 s. Each file
          // still makes its own hosts, data folders and repositories; module singletons a file uses (the
          // renderer's session store) are reset by that file's fixtures.
          isolate: false,
          // Vitest's default is one worker per core minus one: a single worker on a 2-core CI machine.
          // These tests mostly wait on git, PTYs, servers and child processes, so three files at once
          // keep both cores busy and cut the run by more than a third (docs/performance.md).
          maxWorkers: 3,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Two files at once: each is a serve host plus a Chromium, and much of their time is
          // waiting on streamed agent replies and page updates, so two share 2 cores well. Every
          // file has its own data folder, repository, port and browser profile.
          maxWorkers: 2,
        },
      },
    ],
  },
});
