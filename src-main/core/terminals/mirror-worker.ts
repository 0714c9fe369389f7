import { createRequire } from 'node:module';
import { MessageChannel, Worker } from 'node:worker_threads';
import { createLogger } from '../log';
import {
  MIRROR_DEFER_MAX_CHARS,
  MIRROR_DEFER_MAX_DELAY_MS,
  MIRROR_DEFER_MAX_UNSKIPPABLE_CHARS,
  MIRROR_DEFER_QUIET_MS,
  MIRROR_WORKER_NICE,
  SCROLLBACK_LINES,
} from './constants';
import { planMirrorSkip } from './mirror-skip';
import {
  runMirrorWorker,
  type FromMirrorWorker,
  type MirrorDeferral,
  type MirrorHeap,
  type MirrorWorkerModules,
  type ToMirrorWorker,
} from './mirror-worker-body';
import type { OpenMirrorOptions, ScreenMirror } from './screen-mirror';

const log = createLogger('terminals');
const require = createRequire(import.meta.url);

interface OpenMirror {
  unparsedChars: number;
  options: OpenMirrorOptions;
  lost: () => void;
}

interface Pending {
  resolve: (text: string) => void;
  reject: (error: Error) => void;
}

interface PendingHeap {
  resolve: (heap: MirrorHeap | null) => void;
}

/** Either a worker thread or, if none can start here, a port served on the host's own thread. */
interface Backend {
  post(batch: { messages: ToMirrorWorker[] }): void;
  stop(): Promise<void>;
}

const DEFERRAL: MirrorDeferral = {
  quietMs: MIRROR_DEFER_QUIET_MS,
  maxDelayMs: MIRROR_DEFER_MAX_DELAY_MS,
  maxChars: MIRROR_DEFER_MAX_CHARS,
  maxUnskippableChars: MIRROR_DEFER_MAX_UNSKIPPABLE_CHARS,
};

function loadModules(deferral: MirrorDeferral): MirrorWorkerModules {
  const headless = require('@xterm/headless') as Pick<MirrorWorkerModules, 'Terminal'>;
  const serialize = require('@xterm/addon-serialize') as Pick<MirrorWorkerModules, 'SerializeAddon'>;
  return {
    Terminal: headless.Terminal,
    SerializeAddon: serialize.SerializeAddon,
    planSkip: planMirrorSkip,
    deferral,
  };
}

/**
 * The worker runs `runMirrorWorker` from its source text as a CommonJS script (both xterm packages ship
 * CommonJS bundles), so it needs no separate entry file in the bundled CLI. `__name` stands in for the
 * helper esbuild's keepNames (tsx) would otherwise call. On Linux a thread is a task of its own, so
 * setpriority on the thread's id (from /proc/thread-self) lowers this thread only; elsewhere the
 * worker keeps the host's priority.
 */
export function mirrorWorkerSource(): string {
  return [
    '"use strict";',
    'const __name = (target) => target;',
    "const { parentPort, workerData } = require('node:worker_threads');",
    'try {',
    "  const tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());",
    "  require('node:os').setPriority(tid, workerData.nice);",
    '} catch {}',
    'let collect = null;',
    `(${runMirrorWorker.toString()})(parentPort, {`,
    '  Terminal: require(workerData.headless).Terminal,',
    '  SerializeAddon: require(workerData.serialize).SerializeAddon,',
    `  planSkip: (${planMirrorSkip.toString()}),`,
    '  deferral: workerData.deferral,',
    '  heap: (full) => {',
    '    if (full) {',
    "      if (!collect) { require('node:v8').setFlagsFromString('--expose-gc'); collect = require('node:vm').runInNewContext('gc'); }",
    '      collect(); collect();',
    '    }',
    '    const usage = process.memoryUsage();',
    '    return { usedBytes: usage.heapUsed, totalBytes: usage.heapTotal, arrayBuffersBytes: usage.arrayBuffers };',
    '  },',
    '});',
  ].join('\n');
}

/**
 * Every screen mirror of a terminal service, in one worker thread shared by all terminals. Messages
 * from one turn of the event loop travel as one batch, so a flood of small pty reads costs one
 * postMessage per turn, not one per read.
 */
export interface MirrorWorkerOptions {
  /** The worker's script (tests: one that fails to start, or dies); default mirrorWorkerSource(). */
  source?: string;
  /** When mirrors parse (tests: shorter waits); default the MIRROR_DEFER_* constants. */
  deferral?: Partial<MirrorDeferral>;
}

export class MirrorWorker {
  private backend: Backend | null = null;
  /** Set once a worker failed to start: mirrors then run on the host's thread, as before workers. */
  private inline = false;
  private readonly mirrors = new Map<string, OpenMirror>();
  private readonly pending = new Map<number, Pending>();
  private readonly pendingHeaps = new Map<number, PendingHeap>();
  private outbox: ToMirrorWorker[] = [];
  private flushScheduled = false;
  private nextId = 1;
  private nextRequest = 1;
  private disposed = false;

  constructor(private readonly options: MirrorWorkerOptions = {}) {}

  open(options: OpenMirrorOptions): ScreenMirror {
    const id = String(this.nextId++);
    const backend = this.ensureBackend();
    let closed = false;
    const entry: OpenMirror = {
      unparsedChars: 0,
      options,
      lost: () => {
        closed = true;
      },
    };
    this.mirrors.set(id, entry);
    this.post({
      type: 'open',
      id,
      cols: options.cols,
      rows: options.rows,
      scrollback: options.scrollback ?? SCROLLBACK_LINES,
    });
    const live = () => !closed && this.backend === backend;
    return {
      write: (data) => {
        if (!live() || data.length === 0) return;
        entry.unparsedChars += data.length;
        this.post({ type: 'write', id, data });
      },
      resize: (cols, rows) => {
        if (live()) this.post({ type: 'resize', id, cols, rows });
      },
      held: () => {
        if (live() && entry.unparsedChars > 0) this.post({ type: 'held', id });
      },
      serialize: ({ settled = false } = {}) => {
        if (!live()) return Promise.resolve('');
        const request = this.nextRequest++;
        const answer = new Promise<string>((resolve, reject) =>
          this.pending.set(request, { resolve, reject }),
        );
        this.post({ type: 'serialize', id, request, settled });
        // An attach waits for this answer: send it now rather than at the end of the turn.
        this.flush();
        return answer;
      },
      get unparsedChars() {
        return entry.unparsedChars;
      },
      dispose: () => {
        if (!live()) return;
        closed = true;
        this.mirrors.delete(id);
        this.post({ type: 'close', id });
      },
    };
  }

  /**
   * The worker's V8 heap (after a full collection in it when `collect`), or null with no worker running
   * (none started yet, or the mirrors run on the host's thread, whose heap the host reports itself).
   */
  heap(collect: boolean): Promise<MirrorHeap | null> {
    if (!this.backend || this.inline) return Promise.resolve(null);
    const request = this.nextRequest++;
    const answer = new Promise<MirrorHeap | null>((resolve) => this.pendingHeaps.set(request, { resolve }));
    this.post({ type: 'memory', request, collect });
    this.flush();
    return answer;
  }

  /** Ends the worker; open mirrors stop answering (their serialize calls resolve to ''). */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.flush();
    const backend = this.backend;
    this.backend = null;
    this.forgetAll(null);
    await backend?.stop();
  }

  private deferral(): MirrorDeferral {
    return { ...DEFERRAL, ...this.options.deferral };
  }

  private ensureBackend(): Backend {
    if (this.disposed) throw new Error('The screen mirrors were disposed');
    this.backend ??= this.inline ? this.startInline() : this.startWorker();
    return this.backend;
  }

  private post(message: ToMirrorWorker): void {
    const last = this.outbox[this.outbox.length - 1];
    if (message.type === 'write' && last?.type === 'write' && last.id === message.id) {
      last.data += message.data;
    } else {
      this.outbox.push(message);
    }
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.outbox.length === 0) return;
    const messages = this.outbox;
    this.outbox = [];
    this.backend?.post({ messages });
  }

  private receive(message: FromMirrorWorker): void {
    if (message.type === 'parsed') {
      for (const [id, chars] of message.counts) {
        const mirror = this.mirrors.get(id);
        if (!mirror) continue;
        mirror.unparsedChars -= chars;
        mirror.options.onParsed?.(chars);
      }
    } else if (message.type === 'serialized') {
      const request = this.pending.get(message.request);
      this.pending.delete(message.request);
      request?.resolve(message.text);
    } else if (message.type === 'memory') {
      this.pendingHeaps.get(message.request)?.resolve(message.heap);
      this.pendingHeaps.delete(message.request);
    }
  }

  /** Every mirror and pending answer of the current backend is gone (it died, or was disposed). */
  private forgetAll(error: Error | null): void {
    this.outbox = [];
    const mirrors = [...this.mirrors.values()];
    this.mirrors.clear();
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const request of this.pendingHeaps.values()) request.resolve(null);
    this.pendingHeaps.clear();
    for (const request of pending) {
      if (error) request.reject(error);
      else request.resolve('');
    }
    for (const mirror of mirrors) {
      mirror.lost();
      if (error) mirror.options.onLost?.();
    }
  }

  private startWorker(): Backend {
    const worker = new Worker(this.options.source ?? mirrorWorkerSource(), {
      eval: true,
      name: 'skein-screen-mirrors',
      workerData: {
        headless: require.resolve('@xterm/headless'),
        serialize: require.resolve('@xterm/addon-serialize'),
        nice: MIRROR_WORKER_NICE,
        deferral: this.deferral(),
      },
    });
    // The host's lifetime is decided elsewhere; an idle worker must not keep the process alive.
    worker.unref();
    let ready = false;
    let stopping = false;
    let failure: Error | null = null;
    const backend: Backend = {
      post: (batch) => worker.postMessage(batch),
      stop: async () => {
        stopping = true;
        await worker.terminate();
      },
    };
    worker.on('message', (message: FromMirrorWorker) => {
      if (message.type === 'ready') ready = true;
      else if (this.backend === backend) this.receive(message);
    });
    worker.on('error', (error) => {
      failure = error;
    });
    worker.on('exit', (code) => {
      if (stopping || this.backend !== backend) return;
      this.backend = null;
      if (!ready) {
        this.inline = true;
        log.warn(
          'The screen-mirror worker could not start; terminal screens are kept on the main thread',
          failure,
        );
      } else {
        log.error(
          `The screen-mirror worker stopped (exit code ${code}); terminal screens restart from their last save`,
          failure,
        );
      }
      this.forgetAll(new Error('The screen-mirror worker stopped'));
    });
    return backend;
  }

  private startInline(): Backend {
    const { port1, port2 } = new MessageChannel();
    runMirrorWorker(port2, loadModules(this.deferral()));
    port1.on('message', (message: FromMirrorWorker) => {
      if (message.type !== 'ready' && this.backend === backend) this.receive(message);
    });
    port1.unref();
    port2.unref();
    const backend: Backend = {
      post: (batch) => port1.postMessage(batch),
      stop: () => {
        port1.close();
        return Promise.resolve();
      },
    };
    return backend;
  }
}
