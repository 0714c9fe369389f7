/**
 * The real thing for terminal benchmarks: the built app served by `skein serve`, opened in Debian's
 * Chromium with DOM-rendered terminals (as in the e2e tests), plus a WebSocket RPC client for setup.
 * Everything it starts is stopped by `close()`, which also removes its temp folder.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Page } from 'playwright-core';
import type { RpcClient, Terminal, Thread } from '../../src-shared/contract';
import { useDomTerminals } from '../../test/support/e2e-page';
import { makeRepo } from '../../test/support/e2e-repo';
import { connectRpc } from '../../test/support/e2e-rpc';
import { REPO_ROOT, startServe, type ServeProcess } from '../../test/support/e2e-serve';
import type { BarePage } from './bare-page';
import { startBenchChromium, type BenchChromium } from './bench-chromium';
import { cpuSeconds, findProcess, processTree } from './process-cpu';
import { installTerminalProbe, rowsText } from './terminal-page-probe';

/** Worktree creation, shell start-up and first prompt on a loaded 2-core machine. */
const SETUP_TIMEOUT_MS = 60_000;
const POLL_MS = 50;

export interface TerminalBenchEnv {
  /** Playwright's page, for setup only: measure through `measure()`. */
  page: Page;
  /**
   * Ends setup: Playwright lets go of the page (see bench-chromium.ts) and the returned page is what
   * the measurements use. `page`, `openInPane` and `pageTerminal` do not work after this.
   */
  measure(): Promise<BarePage>;
  /** The setup client; its own connection, not the page's. */
  rpc: RpcClient;
  serveUrl: string;
  repoPath: string;
  /** A scratch folder removed on close. */
  scratch: string;
  startThread(title: string): Promise<Thread>;
  /** Shows the thread in a pane through the sidebar, as a user would (Ctrl+click opens it beside). */
  openInPane(title: string, beside: boolean): Promise<void>;
  /** The first terminal of a thread, once the page has opened it and the shell shows its prompt. */
  pageTerminal(thread: Thread): Promise<Terminal>;
  /** Another client, e.g. one that stands for a second window attached to a terminal. */
  connectClient(): Promise<RpcClient>;
  /** CPU seconds used so far by the host (`skein serve`) and by Chromium (all its processes). */
  cpu(): CpuSnapshot;
  close(): Promise<void>;
}

export interface CpuSnapshot {
  host: number;
  browser: number;
}

export interface TerminalBenchEnvOptions {
  viewport: { width: number; height: number };
  /** Another way to start the server (experiments with a patched build); default `skein serve` from out/. */
  startServe?: (dataDir: string, homeDir: string) => Promise<ServeProcess>;
}

/** The benchmarks run the built app; builds it once if `out/` is missing. */
export function ensureBuilt(): void {
  const built = ['out/cli/skein.js', 'out/renderer/index.html'].every((path) =>
    existsSync(join(REPO_ROOT, path)),
  );
  if (built) return;
  process.stderr.write('bench: out/ is missing, running `npm run build`…\n');
  // stdout of the bench is its result; the build's chatter goes to stderr.
  execFileSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: ['ignore', 2, 2] });
}

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = SETUP_TIMEOUT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

export async function startTerminalBenchEnv(options: TerminalBenchEnvOptions): Promise<TerminalBenchEnv> {
  ensureBuilt();
  const root = mkdtempSync(join(tmpdir(), 'skein-bench-terminal-'));
  const clients: RpcClient[] = [];
  let serve: ServeProcess | undefined;
  let browser: BenchChromium | undefined;

  const close = async () => {
    for (const client of clients) client.close();
    await browser?.close();
    await serve?.stop();
    rmSync(root, { recursive: true, force: true });
  };

  try {
    const dataDir = join(root, 'data');
    serve = await (options.startServe ?? startServe)(dataDir, join(root, 'home'));
    const running = serve;
    const servePid = findProcess(['serve', dataDir]);
    browser = await startBenchChromium(root, options.viewport);
    const chromium = browser;
    const { page } = chromium;
    await useDomTerminals(page);
    await installTerminalProbe(page);

    const connectClient = async () => {
      const client = await connectRpc(running.url);
      clients.push(client);
      return client;
    };
    const rpc = await connectClient();
    const repoPath = makeRepo(root, 'bench-repo');
    const project = await rpc.api.project.add({ path: repoPath });
    // Threads start from a fresh worktree; a pool refilling in the background would compete for the CPU.
    await rpc.api.project.update({ projectId: project.id, settings: { poolSize: 0 } });

    await page.goto(running.url);
    await page
      .getByRole('heading', { name: basename(repoPath), exact: true })
      .waitFor({ timeout: SETUP_TIMEOUT_MS });

    let measured: Promise<BarePage> | null = null;
    return {
      page,
      measure: () => (measured ??= chromium.measure()),
      rpc,
      serveUrl: running.url,
      repoPath,
      scratch: join(root, 'scratch'),
      async startThread(title) {
        const started = await rpc.api.thread.start({ projectId: project.id, title });
        return until(`thread "${title}" to be ready`, async () => {
          const thread = await rpc.api.thread.get({ threadId: started.id });
          if (thread.status === 'ready') return thread;
          if (!['creating', 'setting_up'].includes(thread.status)) {
            throw new Error(
              `Thread "${title}" did not become ready: ${thread.status} (${thread.statusDetail ?? ''})`,
            );
          }
          return undefined;
        });
      },
      async openInPane(title, beside) {
        const row = page.getByRole('button', { name: title, exact: true });
        await row.waitFor({ timeout: SETUP_TIMEOUT_MS });
        await row.click(beside ? { modifiers: ['Control'] } : {});
        await page.getByRole('region', { name: title, exact: true }).waitFor({ timeout: SETUP_TIMEOUT_MS });
      },
      async pageTerminal(thread) {
        const terminal = await until(`a terminal in "${thread.title}"`, async () => {
          const { terminals } = await rpc.api.terminal.list({ threadId: thread.id });
          return terminals[0];
        });
        // The pane may show another view first (the thread's conversation): choose the terminal's tab.
        const tab = page
          .getByRole('region', { name: thread.title, exact: true })
          .getByRole('tab', { name: terminal.title, exact: true });
        await tab.click({ timeout: SETUP_TIMEOUT_MS });
        try {
          await page
            .locator(`[data-terminal-id="${terminal.id}"] .xterm-rows`)
            .waitFor({ timeout: SETUP_TIMEOUT_MS });
        } catch (error) {
          const shown = await page
            .locator('[data-terminal-id]')
            .evaluateAll((views) => views.map((view) => view.getAttribute('data-terminal-id')));
          const { terminals } = await rpc.api.terminal.list({ threadId: thread.id });
          // Kept for a person to look at (test-results is gitignored); the temp folder goes on close.
          const screenshot = join(REPO_ROOT, 'test-results', 'bench', `missing-terminal-${Date.now()}.png`);
          await page.screenshot({ path: screenshot });
          throw new Error(
            `Terminal ${terminal.id} of "${thread.title}" is not on the page (screenshot: ${screenshot}). Host terminals: ${terminals.map((t) => t.id).join(', ')}; page shows: ${shown.join(', ')}`,
            { cause: error },
          );
        }
        await until(`the prompt in "${thread.title}"`, async () =>
          /[$#]\s*$/.test(await rowsText(page, terminal.id)) ? true : undefined,
        );
        return terminal;
      },
      connectClient,
      cpu() {
        if (servePid === null) return { host: 0, browser: 0 };
        const browserPids = chromium.pids().flatMap((pid) => processTree(pid));
        return { host: cpuSeconds([servePid]), browser: cpuSeconds(browserPids) };
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
