import { copyFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRpcClient, type RpcClient } from '../../src-shared/contract';
import {
  CRASH_LOOPS,
  runCrashLoop,
  CRASH_SEED,
  countInto,
  isAlive,
  prepareHostCommand,
  seededRandom,
  storeIntegrity,
  superviseHost,
  waitUntil,
  type HostCommand,
  type SupervisedHost,
} from '../support/crash-fixtures';
import {
  buildOldStore,
  LATEST_SCHEMA_VERSION,
  OLD_SCHEMA_VERSION,
  rowCounts,
  schemaVersion,
  type RowCounts,
} from '../support/crash-old-store';
import { TempDirs } from '../support/git-repo';

/**
 * SIGKILL the host while it migrates an old data folder (version 7, 20,000 threads), then let the
 * supervisor start it again: the store is intact, at the latest schema, and no row is lost. Most kills
 * are aimed into the migration itself: as soon as the write-ahead log starts growing (the first
 * migration's transaction writing), plus a random delay; the rest at a random time after spawn.
 */

const dirs = new TempDirs();
const random = seededRandom(CRASH_SEED + 2);
/**
 * The WAL first grows when migration 008's rewrite of 20,000 threads spills to it; the rest of the
 * migrations take ~0.1–0.4 s on a loaded 2-core machine: aimed kills land in that window.
 */
const MIGRATION_AIM_MS = 150;
/** How often the WAL's size is polled while aiming; a stat costs microseconds. */
const WAL_POLL_MS = 2;

let command: HostCommand;
let template: string;
let expected: RowCounts;
const hosts: SupervisedHost[] = [];

beforeAll(async () => {
  command = await prepareHostCommand();
  const dir = dirs.make('skein-crash-template-');
  template = join(dir, 'skein.db');
  buildOldStore(template);
  expected = rowCounts(dir);
});

afterAll(async () => {
  await Promise.all(hosts.splice(0).map((host) => host.stop()));
  command?.dispose();
  dirs.cleanup();
});

function relayClient(host: SupervisedHost): RpcClient {
  return createRpcClient({
    send: (text) => host.supervisor.send(text),
    onMessage: (listener) => host.supervisor.onFrame(listener),
    onClose: () => () => undefined,
    close: () => undefined,
  });
}

/** Resolves once the write-ahead log has pages in it (a migration is writing), or after `timeoutMs`. */
async function walGrowing(dataDir: string, timeoutMs: number): Promise<boolean> {
  const wal = join(dataDir, 'skein.db-wal');
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (existsSync(wal) && statSync(wal).size > 0) return true;
    await new Promise((resolve) => setTimeout(resolve, WAL_POLL_MS));
  }
  return false;
}

function walSize(dataDir: string): number {
  const wal = join(dataDir, 'skein.db-wal');
  return existsSync(wal) ? statSync(wal).size : 0;
}

function landing(version: number, walBytesAtKill: number): string {
  if (version === OLD_SCHEMA_VERSION) {
    return walBytesAtKill > 0 ? 'inside migration 008 (rolled back)' : 'before migrating';
  }
  if (version < LATEST_SCHEMA_VERSION) return 'between migrations';
  return 'after migrating';
}

describe('SIGKILL during a migration', () => {
  it(
    `leaves the store intact and migrates on the next start (${CRASH_LOOPS}x)`,
    async () => {
      await runCrashLoop('migration', async (figures) => {
        const dataDir = dirs.make('skein-crash-migrate-');
        copyFileSync(template, join(dataDir, 'skein.db'));
        const host = superviseHost(command, dataDir, { ...process.env });
        hosts.push(host);
        const oldPid = host.supervisor.pid ?? -1;
        const aimed = random.next() < 0.75;
        if (aimed) {
          await walGrowing(dataDir, 60_000);
          const aim = random.next() < 0.5 ? 0 : random.int(0, MIGRATION_AIM_MS);
          if (aim > 0) await new Promise((resolve) => setTimeout(resolve, aim));
        } else {
          await new Promise((resolve) => setTimeout(resolve, random.int(0, 3_000)));
        }
        const walBytesAtKill = walSize(dataDir);
        host.kill();
        const killedAt = performance.now();
        await waitUntil(() => (isAlive(oldPid) ? undefined : true), 'the killed host to be gone');
        // Read before the restart could migrate further (the supervisor waits 500 ms).
        const versionAfterKill = schemaVersion(dataDir);
        countInto(
          figures.killPoints,
          `${aimed ? 'aimed' : 'timed'}: ${landing(versionAfterKill, walBytesAtKill)}`,
        );
        expect(versionAfterKill).toBeGreaterThanOrEqual(OLD_SCHEMA_VERSION);
        expect(storeIntegrity(dataDir)).toBe('ok');
        expect(rowCounts(dataDir)).toEqual(expected);

        const client = relayClient(host);
        await waitUntil(
          () => (host.restarts.length > 0 ? true : undefined),
          'the supervisor to restart the host',
          180_000,
        );
        const info = await client.api.host.info({});
        figures.restartMs.push(performance.now() - killedAt);
        expect(info.dataDir).toBe(dataDir);
        expect(host.supervisor.pid).not.toBe(oldPid);
        expect(host.restarts[0]?.reason).toMatch(/killed by SIGKILL/);
        expect(schemaVersion(dataDir)).toBe(LATEST_SCHEMA_VERSION);
        expect(storeIntegrity(dataDir)).toBe('ok');
        expect(rowCounts(dataDir)).toEqual(expected);
        countInto(
          figures.checked,
          'rows',
          Object.values(expected).reduce((a, b) => a + b, 0),
        );
        await host.stop();
        hosts.splice(hosts.indexOf(host), 1);
      });
    },
    120_000 + CRASH_LOOPS * 60_000,
  );
});
