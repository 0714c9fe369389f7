import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { FAKE_CLI_AGENT } from './cli-agent-fixtures';
import { startServe, type ServeProcess } from './e2e-serve';

/**
 * Installs the fake CLI agent as `claude` in `<tempRoot>/bin`, behind a wrapper that first prints the
 * last argument it received (the prompt, for the Claude Code preset), so the terminal shows exactly
 * what reached the agent's argv.
 */
export function installEchoingFakeClaude(tempRoot: string): string {
  const binDir = join(tempRoot, 'bin');
  mkdirSync(binDir, { recursive: true });
  const file = join(binDir, 'claude');
  writeFileSync(
    file,
    [
      '#!/bin/sh',
      'if [ "$1" != "--version" ]; then',
      '  for arg in "$@"; do last=$arg; done',
      '  printf \'received: [%s]\\r\\n\' "$last"',
      'fi',
      `exec '${process.execPath}' '${FAKE_CLI_AGENT}' "$@"`,
      '',
    ].join('\n'),
  );
  chmodSync(file, 0o755);
  return binDir;
}

/**
 * Serves with HOME in the temp folder whose login profile puts `binDir` first on PATH: the host finds
 * agents on the login shell's PATH, as it would a user's `npm -g` or Homebrew tools.
 */
export async function startCliAgentServe(tempRoot: string, binDir: string): Promise<ServeProcess> {
  const home = join(tempRoot, 'home');
  mkdirSync(home, { recursive: true });
  writeFileSync(join(home, '.bash_profile'), `PATH='${binDir}':"$PATH"\nexport PATH\n`);
  return startServe(join(tempRoot, 'data'), home, { SKEIN_ADMIN_REQUIREMENTS: '' });
}

export interface RecordedNotification {
  title: string;
  body: string;
}

/**
 * Stands in for the browser's Notification before any page script runs: permission granted, each
 * notification recorded in `window.__skeinNotifications` with its click handler callable from the test.
 */
export async function recordNotifications(page: Page): Promise<void> {
  await page.addInitScript(() => {
    interface Recorded {
      title: string;
      body: string;
      click: () => void;
    }
    const recorded: Recorded[] = [];
    (window as unknown as { __skeinNotifications: Recorded[] }).__skeinNotifications = recorded;
    class RecordingNotification {
      static permission = 'granted';
      static requestPermission(): Promise<string> {
        return Promise.resolve('granted');
      }
      onclick: (() => void) | null = null;
      constructor(title: string, options?: { body?: string }) {
        recorded.push({ title, body: options?.body ?? '', click: () => this.onclick?.() });
      }
      close(): void {}
    }
    (window as unknown as { Notification: unknown }).Notification = RecordingNotification;
  });
}

export function notificationsShown(page: Page): Promise<RecordedNotification[]> {
  return page.evaluate(() =>
    (
      window as unknown as { __skeinNotifications: { title: string; body: string }[] }
    ).__skeinNotifications.map(({ title, body }) => ({ title, body })),
  );
}

export function clickNotification(page: Page, index: number): Promise<void> {
  return page.evaluate((at) => {
    (window as unknown as { __skeinNotifications: { click: () => void }[] }).__skeinNotifications[
      at
    ]?.click();
  }, index);
}
