import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import afterPack, { applyFuses, electronBinaryPath, SKEIN_FUSES } from '../../scripts/fuses.mjs';

/** @electron/fuses' sentinel (dist/constants.js): the wire follows it as [version, length, ...fuses]. */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const WIRE_VERSION = 1;
/** Electron 45's shipped defaults, in FuseV1Options order: '1' on, '0' off. */
const ELECTRON_DEFAULT_WIRE = '101100011';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'skein-fuses-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in for the Electron binary: filler bytes around a real fuse wire. */
function syntheticElectron(name: string, wire = ELECTRON_DEFAULT_WIRE): string {
  const path = join(dir, name);
  writeFileSync(
    path,
    Buffer.concat([
      Buffer.alloc(4096, 0x90),
      Buffer.from(SENTINEL, 'ascii'),
      Buffer.from([WIRE_VERSION, wire.length]),
      Buffer.from(wire, 'ascii'),
      Buffer.alloc(4096, 0x90),
    ]),
  );
  return path;
}

const EXPECTED: [FuseV1Options, FuseState][] = [
  [FuseV1Options.RunAsNode, FuseState.DISABLE],
  [FuseV1Options.EnableCookieEncryption, FuseState.ENABLE],
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable, FuseState.DISABLE],
  [FuseV1Options.EnableNodeCliInspectArguments, FuseState.DISABLE],
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation, FuseState.ENABLE],
  [FuseV1Options.OnlyLoadAppFromAsar, FuseState.ENABLE],
];

describe('Electron fuses for packaged builds', () => {
  it('flips every fuse on a binary and reads each back', async () => {
    const binary = syntheticElectron('electron');
    const before = await getCurrentFuseWire(binary);
    expect(before[FuseV1Options.RunAsNode]).toBe(FuseState.ENABLE);

    await applyFuses(binary);
    const after = await getCurrentFuseWire(binary);
    for (const [option, state] of EXPECTED) expect(after[option], FuseV1Options[option]).toBe(state);
    // Only the wire changed: the bytes around it are intact.
    const bytes = readFileSync(binary);
    expect(bytes.subarray(0, 4096).every((byte) => byte === 0x90)).toBe(true);
    expect(bytes.subarray(bytes.length - 4096).every((byte) => byte === 0x90)).toBe(true);
  });

  it('names every fuse of the wire, so a new Electron fuse cannot slip through at its default', async () => {
    expect(SKEIN_FUSES.strictlyRequireAllFuses).toBe(true);
    const longer = syntheticElectron('electron-next', `${ELECTRON_DEFAULT_WIRE}1`);
    await expect(applyFuses(longer)).rejects.toThrow(/Could not set the Electron fuses on .*electron-next/);
  });

  it('refuses, with the path in the message, a binary that has no fuse wire', async () => {
    const path = join(dir, 'not-electron');
    writeFileSync(path, Buffer.alloc(8192, 0x41));
    await expect(applyFuses(path)).rejects.toThrow(
      /Could not set the Electron fuses on .*not-electron: Could not find sentinel.*Refusing to package/,
    );
  });

  it('runs as electron-builder afterPack on the binary it laid out', async () => {
    syntheticElectron('skein');
    await afterPack({
      appOutDir: dir,
      electronPlatformName: 'linux',
      arch: 1,
      packager: { appInfo: { productFilename: 'Skein' }, executableName: 'skein' },
    });
    const wire = await getCurrentFuseWire(join(dir, 'skein'));
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
  });

  it('finds the binary on each platform', () => {
    const context = (platform: string) => ({
      appOutDir: '/out',
      electronPlatformName: platform,
      arch: 1,
      packager: { appInfo: { productFilename: 'Skein' }, executableName: 'skein' },
    });
    expect(electronBinaryPath(context('linux'))).toBe(join('/out', 'skein'));
    expect(electronBinaryPath(context('win32'))).toBe(join('/out', 'Skein.exe'));
    expect(electronBinaryPath(context('darwin'))).toBe(join('/out', 'Skein.app'));
  });
});

describe('electron-builder.yml', () => {
  const repo = resolve(__dirname, '../..');
  const config = parse(readFileSync(join(repo, 'electron-builder.yml'), 'utf8')) as {
    asar?: boolean;
    asarUnpack?: string[];
    afterPack?: string;
    files?: string[];
  };

  it('packs the app into an asar, with the native modules unpacked', () => {
    expect(config.asar).toBe(true);
    expect(config.files).toContain('out/**');
    for (const native of ['better-sqlite3', 'node-pty'])
      expect(config.asarUnpack).toContain(`node_modules/${native}/**`);
  });

  it('sets the fuses after packing, with the hook tested above', async () => {
    expect(config.afterPack).toBe('scripts/fuses.mjs');
    const hook = (await import(join(repo, config.afterPack ?? ''))) as { default: unknown };
    expect(hook.default).toBe(afterPack);
  });
});
