import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addRepositoryInPage } from '../support/e2e-agent-page';
import { launchChromium } from '../support/e2e-browser';
import { saveScreenshot } from '../support/e2e-page';
import { makeRepo } from '../support/e2e-repo';
import { connectRpc } from '../support/e2e-rpc';
import { assertBuilt } from '../support/e2e-serve';
import { spawnSkein, type SkeinProcess } from '../support/skein-cli-process';

/** The page's backoff caps at 5 s (session.ts), plus a cold start of serve on a loaded machine. */
const REJOIN_TIMEOUT_MS = 20_000;

let tempRoot: string;
let dataDir: string;
let home: string;
let browser: Browser | undefined;
const serves: SkeinProcess[] = [];

/** `skein serve` on the shared data folder; resolves with the URL it prints. */
async function startServe(): Promise<{ process: SkeinProcess; url: string }> {
  const child = spawnSkein(['serve', '--data', dataDir], { SHELL: '/bin/bash', HOME: home });
  serves.push(child);
  const line = await child.firstLine();
  const url = /^Skein serving at (\S+)$/.exec(line)?.[1];
  if (!url) throw new Error(`Unexpected first line: ${line}\nstderr:\n${child.stderr()}`);
  return { process: child, url };
}

beforeAll(async () => {
  assertBuilt();
  tempRoot = mkdtempSync(join(tmpdir(), 'skein-e2e-rejoin-'));
  dataDir = join(tempRoot, 'data');
  home = join(tempRoot, 'home');
  mkdirSync(home, { recursive: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  for (const child of serves) await child.stop('SIGKILL');
  if (tempRoot) rmSync(tempRoot, { recursive: true, force: true });
});

describe('a page left open across a serve crash', () => {
  test('reconnects by itself after SIGKILL and a restart, and shows the same project', async () => {
    const first = await startServe();
    const repo = makeRepo(tempRoot, 'rejoin-repo');
    const seed = await connectRpc(first.url);
    await seed.api.project.add({ path: repo });
    seed.close();

    const page = await browser!.newPage();
    await page.goto(first.url);
    const project = page.getByRole('button', { name: `New thread in ${basename(repo)}` });
    await project.waitFor();

    await first.process.stop('SIGKILL');
    const banner = page.getByRole('status').filter({ hasText: 'Reconnecting to the Skein host' });
    await banner.waitFor();

    const second = await startServe();
    expect(second.url).toBe(first.url);
    await banner.waitFor({ state: 'detached', timeout: REJOIN_TIMEOUT_MS });
    await project.waitFor();
    expect(page.url()).toBe(first.url);

    // The rejoined page drives the new host: a repository added in it reaches the host.
    const other = makeRepo(tempRoot, 'rejoin-other');
    await addRepositoryInPage(page, other);
    await page.getByRole('button', { name: `New thread in ${basename(other)}` }).waitFor();
    const check = await connectRpc(second.url);
    const { projects } = await check.api.project.list({});
    check.close();
    expect(projects.map((p) => p.path).sort()).toEqual([repo, other].sort());
    await saveScreenshot(page, 'serve-rejoin-01-after-restart');
    await page.close();
  });
});
