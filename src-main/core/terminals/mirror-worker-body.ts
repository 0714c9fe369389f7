import type { SerializeAddon } from '@xterm/addon-serialize';
import type { Terminal } from '@xterm/headless';

/**
 * The screen mirrors' side of the worker thread: one headless xterm (+ serialize addon) per terminal.
 * `runMirrorWorker` is started from its own source text (mirror-worker.ts builds it with
 * `Function.prototype.toString`), so it must use nothing from this module's scope: only its
 * parameters and globals. Imports here are types only.
 */

export type ToMirrorWorker =
  | { type: 'open'; id: string; cols: number; rows: number; scrollback: number }
  | { type: 'write'; id: string; data: string }
  | { type: 'resize'; id: string; cols: number; rows: number }
  /**
   * `settled`: wait until everything written before is parsed, and serialize the parsed state only
   * (trimmed to the scrollback). Otherwise answer at once with the parsed state plus the raw text
   * still queued for parsing, which rebuilds the same screen.
   */
  | { type: 'serialize'; id: string; request: number; settled: boolean }
  | { type: 'close'; id: string }
  /** The worker's own V8 heap (host/memory): the main thread cannot read another isolate's. */
  | { type: 'memory'; request: number; collect: boolean };

export type FromMirrorWorker =
  | { type: 'ready' }
  /** Chars parsed since the last report, per mirror: the mirror's flow-control acks. */
  | { type: 'parsed'; counts: Array<[string, number]> }
  | { type: 'serialized'; request: number; text: string }
  | { type: 'memory'; request: number; heap: MirrorHeap | null };

export interface MirrorHeap {
  usedBytes: number;
  totalBytes: number;
  /** Typed-array memory outside the heap: each scrollback line's cells live in one. */
  arrayBuffersBytes: number;
}

/** The messages of one turn of the host's event loop, in order. */
export interface MirrorWorkerBatch {
  messages: ToMirrorWorker[];
}

export interface MirrorWorkerPort {
  on(event: 'message', listener: (batch: MirrorWorkerBatch) => void): unknown;
  postMessage(message: FromMirrorWorker): void;
}

export interface MirrorWorkerModules {
  Terminal: typeof Terminal;
  SerializeAddon: typeof SerializeAddon;
  /** This isolate's heap, after a full collection when asked; absent where the mirrors share the host's isolate. */
  heap?: (collect: boolean) => MirrorHeap;
}

export function runMirrorWorker(port: MirrorWorkerPort, modules: MirrorWorkerModules): void {
  interface Mirror {
    terminal: Terminal;
    serializer: SerializeAddon;
    /** Chunks handed to xterm and not parsed yet, oldest first; xterm calls back once per chunk, in order. */
    unparsed: string[];
  }
  const mirrors = new Map<string, Mirror>();
  const parsed = new Map<string, number>();
  let reportScheduled = false;

  // One report per turn: xterm parses in slices of ~12 ms, each calling back for many chunks.
  const report = (): void => {
    reportScheduled = false;
    if (parsed.size === 0) return;
    const counts = [...parsed];
    parsed.clear();
    port.postMessage({ type: 'parsed', counts });
  };

  const handle = (message: ToMirrorWorker): void => {
    if (message.type === 'open') {
      const terminal = new modules.Terminal({
        cols: message.cols,
        rows: message.rows,
        scrollback: message.scrollback,
        allowProposedApi: true,
      });
      const serializer = new modules.SerializeAddon();
      terminal.loadAddon(serializer);
      mirrors.set(message.id, { terminal, serializer, unparsed: [] });
      return;
    }
    if (message.type === 'memory') {
      port.postMessage({
        type: 'memory',
        request: message.request,
        heap: modules.heap?.(message.collect) ?? null,
      });
      return;
    }
    const mirror = mirrors.get(message.id);
    if (message.type === 'serialize') {
      const answer = (text: string): void =>
        port.postMessage({ type: 'serialized', request: message.request, text });
      if (!mirror) answer('');
      else if (message.settled) mirror.terminal.write('', () => answer(mirror.serializer.serialize()));
      else answer(mirror.serializer.serialize() + mirror.unparsed.join(''));
      return;
    }
    if (!mirror) return;
    if (message.type === 'write') {
      const { id, data } = message;
      mirror.unparsed.push(data);
      mirror.terminal.write(data, () => {
        const chunk = mirror.unparsed.shift() ?? '';
        parsed.set(id, (parsed.get(id) ?? 0) + chunk.length);
        if (reportScheduled) return;
        reportScheduled = true;
        setImmediate(report);
      });
    } else if (message.type === 'resize') {
      mirror.terminal.resize(message.cols, message.rows);
    } else {
      mirrors.delete(message.id);
      parsed.delete(message.id);
      mirror.serializer.dispose();
      mirror.terminal.dispose();
    }
  };

  port.on('message', (batch) => {
    for (const message of batch.messages) handle(message);
  });
  port.postMessage({ type: 'ready' });
}
