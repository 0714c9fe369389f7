/**
 * The environment Claude Code runs in. Claude Code reads its endpoint, key and privacy switches
 * from env vars; these keep it to the model endpoint and nothing else.
 */

/**
 * Documented switches (code.claude.com/docs/en/env-vars, checked for 2.1.330):
 * NONESSENTIAL_TRAFFIC covers telemetry, auto-update checks, error reporting, release notes and
 * model-capability lookups; the others say the same for builds that check them one by one.
 */
export const CLAUDE_PRIVACY_ENV: Readonly<Record<string, string>> = {
  CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
  DISABLE_TELEMETRY: '1',
  DISABLE_AUTOUPDATER: '1',
  DISABLE_ERROR_REPORTING: '1',
  DISABLE_BUG_COMMAND: '1',
};

export interface ClaudeEnvOptions {
  /** The environment to start from (PATH, HOME, proxies); the host's when absent. */
  base?: NodeJS.ProcessEnv;
  /** Sent as `x-api-key`; the base's ANTHROPIC_API_KEY when absent. */
  apiKey?: string | null;
  /** An Anthropic-compatible endpoint (a proxy, a gateway); Anthropic's when absent. */
  baseUrl?: string | null;
  /** Claude Code's config dir (settings, sessions); ~/.claude when absent. */
  configDir?: string | null;
  clientVersion?: string;
}

export function claudeEnv(options: ClaudeEnvOptions): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...(options.base ?? process.env) };
  if (options.apiKey) env.ANTHROPIC_API_KEY = options.apiKey;
  if (options.baseUrl) env.ANTHROPIC_BASE_URL = options.baseUrl;
  if (options.configDir) env.CLAUDE_CONFIG_DIR = options.configDir;
  env.CLAUDE_AGENT_SDK_CLIENT_APP = `skein/${options.clientVersion ?? '0.0.0'}`;
  return { ...env, ...CLAUDE_PRIVACY_ENV };
}
