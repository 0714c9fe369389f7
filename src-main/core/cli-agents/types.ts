import type {
  CliAgent,
  CliAgentPresetId,
  CliAgentPresetInfo,
  CliAgentTemplate,
  CliAgentTemplateInfo,
  CliAgentTemplateInput,
  CliAgentTemplateProblem,
  Terminal,
} from '../../../src-shared/contract';
import type { Publisher } from '../events';
import type { SqliteDatabase } from '../store';
import type { TerminalService } from '../terminals';
import type { ActivityTiming } from './status';

export interface CliAgentServiceOptions {
  db: SqliteDatabase;
  publisher: Publisher;
  terminals: TerminalService;
  /** Agents' private folders (events, prompt files, settings) go under `<dataDir>/cli-agents`. */
  dataDir: string;
  /** Where the login shell ($SHELL) and the host's PATH come from; process.env by default. */
  env?: NodeJS.ProcessEnv;
  /** The PATH to search instead of asking the login shell (tests, or a configured PATH). */
  loginPath?: () => Promise<string | null>;
  /** Status timing; the defaults are the named constants in status.ts and agent-session.ts. */
  timing?: Partial<ActivityTiming & { tickMs: number; stdinSettleMs: number }>;
}

export interface StartCliAgentInput {
  threadId: string;
  /** The thread's worktree. */
  cwd: string;
  preset?: CliAgentPresetId;
  templateId?: string;
  template?: CliAgentTemplateInput;
  prompt?: string;
  title?: string;
  cols?: number;
  rows?: number;
}

export interface CliAgentService {
  presets(options?: { refresh?: boolean }): Promise<{
    presets: CliAgentPresetInfo[];
    templates: CliAgentTemplateInfo[];
  }>;
  start(input: StartCliAgentInput): Promise<{ terminal: Terminal; agent: CliAgent }>;
  list(threadId?: string): CliAgent[];
  stop(agentId: string): void;
  validateTemplate(input: CliAgentTemplateInput): CliAgentTemplateProblem[];
  saveTemplate(input: CliAgentTemplateInput & { id?: string; name: string }): CliAgentTemplate;
  removeTemplate(templateId: string): void;
  /** Stops watching every agent (their processes end with the terminal service). */
  dispose(): Promise<void>;
}
