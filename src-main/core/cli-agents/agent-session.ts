import { closeSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import type {
  CliAgent,
  CliAgentStatus,
  NotificationName,
  NotificationParams,
} from '../../../src-shared/contract';
import type { Publisher, Subscriber } from '../events';
import { createLogger } from '../log';
import type { TerminalService } from '../terminals';
import { combineStatus, lastLineOf, statusOfHookEvent, type ActivityTiming, type HookReport } from './status';

const log = createLogger('cli-agents');

/** How often status is recomputed and the events file read: a quarter second feels immediate. */
export const STATUS_TICK_MS = 250;
/** Output kept to read the last line from; a screen is at most a few KB of visible text. */
const OUTPUT_TAIL_CHARS = 8_192;
/**
 * A stdin prompt is typed once the agent drew its first screen and paused this long (TUIs draw in
 * bursts within ~100 ms), so the keystrokes reach its input box rather than its start-up.
 */
export const STDIN_SETTLE_MS = 400;
/** Type the prompt anyway after this long, even if the agent never went quiet or never drew anything. */
export const STDIN_READY_TIMEOUT_MS = 15_000;
/** Bracketed paste (xterm): the agent turned it on/off; pasted text is framed so newlines do not submit. */
const PASTE_ON = '\u001b[?2004h';
const PASTE_OFF = '\u001b[?2004l';
const PASTE_START = '\u001b[200~';
const PASTE_END = '\u001b[201~';

export type AgentTerminals = Pick<
  TerminalService,
  'attach' | 'detach' | 'ack' | 'input' | 'waitForExit' | 'kill'
>;

export interface AgentSessionOptions {
  record: CliAgent;
  terminals: AgentTerminals;
  publisher: Publisher;
  /** The agent's private folder (events file, prompt file, settings); removed when it ends. */
  agentDir: string;
  eventsFile: string;
  /** Typed into the terminal once the agent is ready (stdin delivery), else null. */
  stdinPrompt: string | null;
  timing: ActivityTiming & { tickMs: number; stdinSettleMs: number };
  onEnded: (agent: CliAgent) => void;
}

/** One CLI agent in its terminal: watches its output and hook events, derives and publishes its status. */
export class AgentSession {
  private readonly record: CliAgent;
  private readonly subscriber: Subscriber;
  private readonly closeListeners = new Set<() => void>();
  private tail = '';
  private lastOutputAt: number | null = null;
  private bracketedPaste = false;
  private hook: HookReport | null = null;
  private eventsOffset = 0;
  private eventsRemainder = '';
  private pendingPrompt: string | null;
  private readonly timer: NodeJS.Timeout;
  private ended = false;

  constructor(private readonly options: AgentSessionOptions) {
    this.record = { ...options.record };
    this.pendingPrompt = options.stdinPrompt;
    this.subscriber = {
      id: `host:cli-agent:${this.record.id}`,
      notify: <N extends NotificationName>(name: N, params: NotificationParams<N>) => {
        if (name !== 'terminal/data') return;
        const { data } = params as NotificationParams<'terminal/data'>;
        this.options.terminals.ack(this.record.terminalId, this.subscriber, data.length);
        this.output(data);
      },
      onClose: (listener) => {
        this.closeListeners.add(listener);
        return () => this.closeListeners.delete(listener);
      },
    };
    this.timer = setInterval(() => this.tick(), options.timing.tickMs);
    this.timer.unref();
  }

  get agent(): CliAgent {
    return { ...this.record };
  }

  /** Starts watching; call right after the terminal opened (before its first output can arrive). */
  async watch(): Promise<void> {
    this.publish();
    void this.options.terminals.waitForExit(this.record.terminalId).then((exitCode) => this.exited(exitCode));
    await this.options.terminals.attach(this.record.terminalId, this.subscriber);
  }

  stop(): void {
    if (this.ended) return;
    this.options.terminals.kill(this.record.terminalId);
  }

  /** Stops watching without touching the process (host shutdown: the terminal service ends it). */
  dispose(): void {
    this.finish();
  }

  private output(data: string): void {
    this.lastOutputAt = Date.now();
    this.tail = (this.tail + data).slice(-OUTPUT_TAIL_CHARS);
    const on = data.lastIndexOf(PASTE_ON);
    const off = data.lastIndexOf(PASTE_OFF);
    if (on >= 0 || off >= 0) this.bracketedPaste = on > off;
  }

  private tick(): void {
    if (this.ended) return;
    const now = Date.now();
    this.deliverPrompt(now);
    this.readEvents(now);
    const status = combineStatus(
      this.record.statusSource,
      this.hook,
      {
        now,
        startedAt: this.record.startedAt,
        lastOutputAt: this.lastOutputAt,
        lastLine: lastLineOf(this.tail),
      },
      this.options.timing,
    );
    this.setStatus(status, now);
  }

  private deliverPrompt(now: number): void {
    if (this.pendingPrompt === null) return;
    const drewAndSettled =
      this.lastOutputAt !== null && now - this.lastOutputAt >= this.options.timing.stdinSettleMs;
    if (!drewAndSettled && now - this.record.startedAt < STDIN_READY_TIMEOUT_MS) return;
    const prompt = this.pendingPrompt;
    this.pendingPrompt = null;
    const text = this.bracketedPaste ? `${PASTE_START}${prompt}${PASTE_END}` : prompt;
    try {
      // Enter separately from the text: some TUIs drop an Enter that arrives in the same read as a paste.
      this.options.terminals.input(this.record.terminalId, text);
      setTimeout(() => {
        if (!this.ended) this.options.terminals.input(this.record.terminalId, '\r');
      }, this.options.timing.stdinSettleMs / 4).unref();
    } catch (error) {
      log.warn(`Could not type the prompt into agent ${this.record.id}`, error);
    }
  }

  /** New complete lines appended by the agent's hooks since the last tick. */
  private readEvents(now: number): void {
    let size: number;
    try {
      size = statSync(this.options.eventsFile).size;
    } catch {
      return;
    }
    if (size <= this.eventsOffset) return;
    const buffer = Buffer.alloc(size - this.eventsOffset);
    const fd = openSync(this.options.eventsFile, 'r');
    try {
      readSync(fd, buffer, 0, buffer.length, this.eventsOffset);
    } finally {
      closeSync(fd);
    }
    this.eventsOffset = size;
    const lines = (this.eventsRemainder + buffer.toString('utf8')).split('\n');
    this.eventsRemainder = lines.pop() ?? '';
    for (const line of lines) {
      const status = statusOfHookEvent(line);
      if (status) this.hook = { status, at: now };
    }
  }

  private setStatus(status: CliAgentStatus, now: number): void {
    if (status === this.record.status) return;
    this.record.status = status;
    this.record.statusChangedAt = now;
    this.publish();
  }

  private exited(exitCode: number | null): void {
    if (this.ended) return;
    this.record.exitCode = exitCode;
    this.setStatus('exited', Date.now());
    this.finish();
    this.options.onEnded(this.agent);
  }

  private finish(): void {
    if (this.ended) return;
    this.ended = true;
    clearInterval(this.timer);
    try {
      this.options.terminals.detach(this.record.terminalId, this.subscriber);
    } catch {
      // The terminal was closed: nothing left to detach from.
    }
    for (const listener of this.closeListeners) listener();
    this.closeListeners.clear();
    rmSync(this.options.agentDir, { recursive: true, force: true });
  }

  private publish(): void {
    const agent = this.agent;
    this.options.publisher.publish('cliAgents/status', {
      agentId: agent.id,
      threadId: agent.threadId,
      terminalId: agent.terminalId,
      status: agent.status,
      agent,
    });
  }
}
