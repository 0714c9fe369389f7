import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { createLogger } from '../../../log';

const log = createLogger('codex');

/** Lines of Codex's stderr kept to explain an unexpected exit. */
const STDERR_TAIL_LINES = 20;
/** After stdin closes and SIGTERM, how long Codex gets to write its rollout before SIGKILL. */
const EXIT_GRACE_MS = 3_000;

export interface CodexProcessOptions {
  binaryPath: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** `-c key=value` overrides, TOML values (strings quoted), ahead of CODEX_HOME/config.toml. */
  config: Record<string, string>;
  /** Called once when the process is gone, with a sentence saying why when it was not asked to stop. */
  onExit(detail: string | null): void;
}

/** `{ model: '"o3"' }` → `['-c', 'model="o3"']`. */
export function configArgs(config: Record<string, string>): string[] {
  return Object.entries(config).flatMap(([key, value]) => ['-c', `${key}=${value}`]);
}

/** A TOML string literal for a `-c` value. JSON string escaping is valid TOML basic-string escaping. */
export function tomlString(value: string): string {
  return JSON.stringify(value);
}

/** The `codex app-server` child: spawning, its stderr, and stopping it. */
export class CodexProcess {
  readonly child: ChildProcessWithoutNullStreams;
  private readonly stderrTail: string[] = [];
  private stopping = false;
  readonly exited: Promise<void>;

  constructor(options: CodexProcessOptions) {
    this.child = spawn(options.binaryPath, ['app-server', ...configArgs(options.config)], {
      cwd: options.cwd,
      env: options.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    createInterface({ input: this.child.stderr, crlfDelay: Infinity }).on('line', (line) => {
      this.stderrTail.push(line);
      if (this.stderrTail.length > STDERR_TAIL_LINES) this.stderrTail.shift();
      log.debug(line);
    });
    this.exited = new Promise<void>((resolve) => {
      let reported = false;
      const report = (detail: string | null) => {
        if (reported) return;
        reported = true;
        options.onExit(this.stopping ? null : detail);
        resolve();
      };
      this.child.once('error', (error) => report(`Codex could not be started: ${error.message}`));
      this.child.once('close', (code, signal) =>
        report(
          `Codex exited unexpectedly (${signal ?? `code ${String(code)}`}). ${this.lastStderr()}`.trim(),
        ),
      );
    });
  }

  lastStderr(): string {
    return this.stderrTail.slice(-5).join('\n');
  }

  /** Closes stdin (Codex's signal to finish), then terminates, then kills. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.child.exitCode !== null || this.child.signalCode !== null) return this.exited;
    this.child.stdin.end();
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), EXIT_GRACE_MS);
    await this.exited;
    clearTimeout(timer);
  }
}
