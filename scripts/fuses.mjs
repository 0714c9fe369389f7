// Electron fuses for packaged builds: switches compiled into the Electron binary that no environment
// variable or command-line flag can turn back on. electron-builder calls the default export after it
// has laid out the app (electron-builder.yml: afterPack) and before it signs it, which is the only
// moment the binary may still be edited. Each fuse is read back after the flip; a binary without a
// fuse wire, or one the flip did not take, fails the packaging.
import { join } from 'node:path';
import { flipFuses, FuseState, FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';

/**
 * The fuses and why. strictlyRequireAllFuses: a newer Electron with a fuse this list does not name
 * fails the packaging instead of shipping that fuse at its default.
 */
export const SKEIN_FUSES = {
  version: FuseVersion.V1,
  strictlyRequireAllFuses: true,
  // ELECTRON_RUN_AS_NODE would turn the signed app into a general-purpose Node for any local program.
  [FuseV1Options.RunAsNode]: false,
  // Cookies and other Chromium storage encrypted with the OS keyring.
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS (e.g. --require evil.js) would run code inside the app.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // --inspect and friends would open a debugger into main.
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // app.asar is checked against the hash electron-builder embeds, so an edited asar does not load.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // Without it Electron would also load an unpacked app/ folder next to the asar, skipping the check above.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // One V8 snapshot for every process; the app ships no browser-process-specific snapshot.
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // The window loads the renderer from file:// and starts Monaco's worker from a file: URL, which need
  // these privileges; turning this off first needs a custom app:// protocol (docs/security.md).
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: true,
  // Electron's default: WebAssembly bounds checks through signal handlers (faster, no security cost).
  [FuseV1Options.WasmTrapHandlers]: true,
};

/** electron-builder's Arch enum value for arm64 (builder-util). */
const ARCH_ARM64 = 3;

/** Where electron-builder put the Electron binary (or, on macOS, the .app bundle) for one target. */
export function electronBinaryPath(context) {
  const name = context.packager.appInfo.productFilename;
  switch (context.electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(context.appOutDir, `${name}.app`);
    case 'win32':
      return join(context.appOutDir, `${name}.exe`);
    default:
      return join(context.appOutDir, context.packager.executableName ?? name);
  }
}

function describe(option) {
  return FuseV1Options[option] ?? `fuse ${option}`;
}

/**
 * Flips SKEIN_FUSES on one Electron binary and reads every fuse back. Throws a sentence naming the
 * binary when it has no fuse wire or a fuse did not take.
 */
export async function applyFuses(binaryPath, { resetAdHocDarwinSignature = false } = {}) {
  try {
    await flipFuses(binaryPath, { ...SKEIN_FUSES, resetAdHocDarwinSignature });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Could not set the Electron fuses on ${binaryPath}: ${reason}. ` +
        'Refusing to package an app whose fuses are not set; check that the path is the Electron binary ' +
        'of this build and that @electron/fuses knows its Electron version.',
      { cause: error },
    );
  }
  const wire = await getCurrentFuseWire(binaryPath);
  for (const [key, wanted] of Object.entries(SKEIN_FUSES)) {
    const option = Number(key);
    if (!Number.isInteger(option)) continue;
    const actual = wire[option];
    const expected = wanted ? FuseState.ENABLE : FuseState.DISABLE;
    if (actual !== expected)
      throw new Error(
        `The Electron fuse ${describe(option)} on ${binaryPath} reads ${actual} after the flip, not ${expected}. ` +
          'Refusing to package it.',
      );
  }
  return wire;
}

/** electron-builder's afterPack hook (electron-builder.yml). */
export default async function afterPack(context) {
  const darwinArm =
    (context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas') &&
    context.arch === ARCH_ARM64;
  // An arm64 macOS binary must carry a valid (ad hoc) signature to start at all; the flip breaks it.
  await applyFuses(electronBinaryPath(context), { resetAdHocDarwinSignature: darwinArm });
}
