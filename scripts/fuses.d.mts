// Types for scripts/fuses.mjs (plain JavaScript so electron-builder can load it without a build).
import type { FuseConfig, FuseState, FuseV1Config } from '@electron/fuses';

/** What electron-builder passes an afterPack hook, as far as the hook reads it. */
export interface AfterPackContext {
  appOutDir: string;
  electronPlatformName: string;
  arch: number;
  packager: { appInfo: { productFilename: string }; executableName?: string };
}

export declare const SKEIN_FUSES: FuseV1Config;
export declare function electronBinaryPath(context: AfterPackContext): string;
export declare function applyFuses(
  binaryPath: string,
  options?: { resetAdHocDarwinSignature?: boolean },
): Promise<FuseConfig<FuseState>>;
export default function afterPack(context: AfterPackContext): Promise<void>;
