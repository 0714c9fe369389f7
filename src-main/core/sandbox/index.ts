export { detectSandbox, SEATBELT_PATH, type DetectSandboxOptions } from './detect-sandbox';
export { wrapCommand, isSandboxUnavailable, SANDBOX_ENV_VAR } from './wrap-command';
export {
  runSandboxed,
  DEFAULT_MAX_OUTPUT_BYTES,
  type RunSandboxedOptions,
  type RunSandboxedResult,
} from './run-sandboxed';
export { bwrapArgs, type BwrapProfile } from './bwrap-args';
export { seatbeltProfile, seatbeltArgs, type SeatbeltPolicy, type SeatbeltProfile } from './seatbelt-profile';
export { HOME_SECRET_PATHS, systemSecretPaths } from './hidden-paths';
export { gitMetadataPaths } from './git-paths';
export { HeadTailBuffer } from './output-buffer';
export type {
  SandboxMode,
  SandboxSupport,
  SandboxUnavailable,
  WrapCommandRequest,
  WrappedCommand,
} from './types';
