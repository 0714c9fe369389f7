/**
 * Chromium for the terminal benchmarks: started here with a DevTools port, driven by Playwright for
 * setup (clicking through the app like a user), then measured over a bare DevTools connection once
 * Playwright has disconnected (see bare-page.ts for why). `SKEIN_BENCH_PLAYWRIGHT_ATTACHED=1` keeps
 * Playwright attached while measuring, as the benches did before, to compare the two.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumSwitches } from '../../src-main/electron/chromium-switches';
import { CHROMIUM_PATH } from '../../test/support/e2e-browser';
import { connectBarePage, type BarePage } from './bare-page';

/**
 * The e2e tests' flags (test/support/e2e-browser.ts), plus a fixed window instead of Playwright's
 * viewport emulation, plus the switches the desktop app sets on its Chromium.
 */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Playwright's colorScheme emulation would end with its session; the app is measured in dark mode.
  '--force-dark-mode',
  // The desktop window's own switches (src-main/electron/chromium-switches.ts): measure what it runs.
  ...chromiumSwitches().map(([name, value]) => `--${name}=${value}`),
];
const START_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;

export const PLAYWRIGHT_ATTACHED = process.env.SKEIN_BENCH_PLAYWRIGHT_ATTACHED === '1';

export interface BenchChromium {
  /** Playwright's page, for setup; unusable after `measure()` unless Playwright stays attached. */
  page: Page;
  /** Ends Playwright's session (unless it stays attached) and returns the page to measure with. */
  measure(): Promise<BarePage>;
  /** Root pids whose process trees are Chromium's. */
  pids(): number[];
  close(): Promise<void>;
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((done) => {
    const timer = setTimeout(() => done(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      done(true);
    });
  });
}

export async function startBenchChromium(
  profileDir: string,
  viewport: { width: number; height: number },
): Promise<BenchChromium> {
  const child = spawn(
    CHROMIUM_PATH,
    [
      ...CHROMIUM_ARGS,
      `--window-size=${viewport.width},${viewport.height}`,
      `--user-data-dir=${join(profileDir, 'chromium-profile')}`,
      '--remote-debugging-port=0',
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    if (!(await waitForExit(child, STOP_GRACE_MS))) {
      child.kill('SIGKILL');
      await waitForExit(child, STOP_GRACE_MS);
    }
  };
  let browser: Browser | undefined;
  try {
    const endpoint = await new Promise<string>((found, failed) => {
      let stderr = '';
      const timer = setTimeout(
        () =>
          failed(new Error(`Chromium printed no DevTools address within ${START_TIMEOUT_MS} ms: ${stderr}`)),
        START_TIMEOUT_MS,
      );
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const match = /DevTools listening on (ws:\/\/\S+)/.exec(stderr);
        if (!match?.[1]) return;
        clearTimeout(timer);
        found(match[1]);
      });
      child.once('exit', (code) => failed(new Error(`Chromium exited (${code}): ${stderr}`)));
    });
    const connected = await chromium.connectOverCDP(endpoint);
    browser = connected;
    const context = connected.contexts()[0];
    if (!context) throw new Error('Chromium has no default browser context');
    // The tab Chromium opened: Playwright did not create it, so disconnecting leaves it open.
    const page = context.pages()[0] ?? (await context.newPage());
    const session = await context.newCDPSession(page);
    const { targetInfo } = (await session.send('Target.getTargetInfo')) as {
      targetInfo: { targetId: string };
    };
    await session.detach();
    const pageUrl = `${endpoint.slice(0, endpoint.indexOf('/devtools/'))}/devtools/page/${targetInfo.targetId}`;
    // Connected now, before the app loads: the baseline loads xterm.js from a blob, which the app's CSP
    // forbids, and the bypass applies to documents loaded while this session has it on.
    const bare = await connectBarePage(pageUrl);
    await bare.bypassCsp();

    return {
      page,
      async measure() {
        if (PLAYWRIGHT_ATTACHED) {
          return {
            evaluate: <R, Arg>(pageFunction: (arg: Arg) => R | Promise<R>, arg?: Arg) =>
              page.evaluate(pageFunction as (arg: unknown) => R | Promise<R>, arg as unknown),
            keyboard: page.keyboard,
            bypassCsp: () => bare.bypassCsp(),
            close: () => undefined,
          };
        }
        await connected.close();
        return bare;
      },
      pids: () => (child.pid === undefined ? [] : [child.pid]),
      async close() {
        bare.close();
        await connected.close().catch(() => undefined);
        await stop();
      },
    };
  } catch (error) {
    await browser?.close().catch(() => undefined);
    await stop();
    throw error;
  }
}
