import { type EffectiveAgentSettings, type ThreadBackend } from '../../../../src-shared/contract';
import { ClaudeBackend } from './claude/claude-backend';
import { findCodexBinary, type CodexBinary } from './codex/codex-binary';
import { CodexBackend } from './codex/codex-backend';
import type { AgentBackend, BackendHooks } from './types';

/** Where non-built-in agents run: tests point Codex at a throwaway CODEX_HOME and environment. */
export interface BackendHostOptions {
  /** How long a thread's backend with no turn keeps running (BACKEND_IDLE_STOP_MS by default). */
  idleStopMs?: number;
  codex?: {
    /** CODEX_HOME (config.toml, auth, sessions); the user's own (`$CODEX_HOME` or ~/.codex) when absent. */
    home?: string;
    /** The environment Codex runs in; the agents' environment when absent. */
    env?: NodeJS.ProcessEnv;
  };
  claude?: {
    /** CLAUDE_CONFIG_DIR (settings, sessions); the user's own (~/.claude) when absent. */
    configDir?: string;
    /** The environment Claude Code runs in; the agents' environment when absent. */
    env?: NodeJS.ProcessEnv;
  };
}

/** Found binaries by configured path ('' = the PATH search): the lookup runs a login shell and `codex --version`. */
export function createBackendFactory(
  options: BackendHostOptions,
  env: NodeJS.ProcessEnv,
  /** The Anthropic key Skein has (stored or from the environment): Claude Code sends it. */
  anthropicKey: () => Promise<string | null>,
) {
  const found = new Map<string, CodexBinary>();

  const codexBinary = async (configuredPath: string | null): Promise<CodexBinary> => {
    const key = configuredPath ?? '';
    const cached = found.get(key);
    if (cached) return cached;
    // Failures are not cached: the user may install Codex or fix the path and try again.
    const binary = await findCodexBinary({ configuredPath, env: options.codex?.env ?? env });
    found.set(key, binary);
    return binary;
  };

  return {
    /** A backend of `kind`, not started yet. Fails with NOT_FOUND / UNSUPPORTED sentences. */
    async create(
      kind: Exclude<ThreadBackend, 'builtin'>,
      settings: EffectiveAgentSettings,
      hooks: BackendHooks,
    ): Promise<AgentBackend> {
      if (kind === 'claude') {
        // The endpoint the built-in agent would use for Anthropic: a configured one, else the env's.
        const baseUrl =
          (settings.provider === 'anthropic' ? settings.baseUrl : null) ?? env.ANTHROPIC_BASE_URL;
        return new ClaudeBackend({
          hooks,
          base: options.claude?.env ?? env,
          apiKey: await anthropicKey(),
          baseUrl: baseUrl || null,
          configDir: options.claude?.configDir ?? null,
        });
      }
      const binary = await codexBinary(settings.codexPath);
      return new CodexBackend({
        binary,
        hooks,
        codexHome: options.codex?.home ?? null,
        env: options.codex?.env ?? env,
      });
    },
  };
}

export type BackendFactory = ReturnType<typeof createBackendFactory>;
