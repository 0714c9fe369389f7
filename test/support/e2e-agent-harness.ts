import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RpcClient } from '../../src-shared/contract';
import { agentServeEnv } from './e2e-agent-page';
import { launchChromium } from './e2e-browser';
import { connectRpc } from './e2e-rpc';
import { startServe, type ServeProcess } from './e2e-serve';
import {
  startModelServer,
  type ModelServer,
  type ModelServerOptions,
  type ScriptResponder,
} from './model-server';

/** Everything an agent e2e test drives: the scripted model, `skein serve` on it, Chromium, an RPC client. */
export interface AgentE2e {
  tempRoot: string;
  model: ModelServer;
  serve: ServeProcess;
  rpc: RpcClient;
  /** A new page on the served UI, with its uncaught errors collected. */
  openPage(): Promise<{ page: Page; pageErrors: string[] }>;
  close(): Promise<void>;
}

/** Starts the stack for one e2e file (call in beforeAll; `close` in afterAll undoes what did start). */
export async function startAgentE2e(
  prefix: string,
  responder: ScriptResponder,
  modelOptions: ModelServerOptions = {},
): Promise<AgentE2e> {
  const tempRoot = mkdtempSync(join(tmpdir(), `skein-e2e-${prefix}-`));
  let model: ModelServer | undefined;
  let serve: ServeProcess | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let rpc: RpcClient | undefined;
  const close = async (): Promise<void> => {
    rpc?.close();
    await context?.close();
    await browser?.close();
    await serve?.stop();
    await model?.close();
    rmSync(tempRoot, { recursive: true, force: true });
  };
  try {
    model = await startModelServer(modelOptions);
    model.script(responder);
    serve = await startServe(join(tempRoot, 'data'), join(tempRoot, 'home'), agentServeEnv(model));
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark' });
    rpc = await connectRpc(serve.url);
  } catch (error) {
    await close();
    throw error;
  }
  const page = context;
  const url = serve.url;
  return {
    tempRoot,
    model,
    serve,
    rpc,
    async openPage() {
      const opened = await page.newPage();
      const pageErrors: string[] = [];
      opened.on('pageerror', (error) => pageErrors.push(error.message));
      await opened.goto(url);
      return { page: opened, pageErrors };
    },
    close,
  };
}
