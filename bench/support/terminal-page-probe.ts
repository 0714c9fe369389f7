/**
 * Measuring instruments inside the Skein page, installed before the app's own scripts run. The
 * renderer has no test hooks, so the probe watches from the outside:
 *  - `terminal/data` frames as they come off the page's WebSocket (before the app handles them),
 *  - keydown events (their `timeStamp` is when the browser took the key, input queueing included),
 *  - xterm's DOM rows (the page uses the DOM renderer), via a MutationObserver, which fires in the
 *    same task in which xterm wrote the rows: what the user sees, one display frame after parsing.
 * Nothing is parsed per frame (no JSON.parse), so the probe costs the page next to nothing.
 */
import type { Page } from 'playwright-core';
import type { PageEvaluator } from './bare-page';

export type RowsCondition =
  | { kind: 'contains'; text: string }
  /** The rows hold `count` or more of `char` (typed characters accumulating on the prompt line). */
  | { kind: 'countAtLeast'; char: string; count: number }
  | { kind: 'countAtMost'; char: string; count: number };

/** Times on the page's clock (performance.now(), ms). */
export interface WatchResult {
  /** `timeStamp` of the first keydown after arming: when the browser received the key. */
  keyEventAt: number | null;
  /** When the page's first keydown listener ran (later than keyEventAt if the main thread was busy). */
  keyHandledAt: number | null;
  /** When the first `terminal/data` frame of the terminal carrying the frame text arrived, after arming. */
  frameAt: number | null;
  /** When xterm's DOM rows first met the condition. */
  rowsAt: number;
}

export interface TerminalTraffic {
  frames: number;
  chars: number;
  firstAt: number | null;
  lastAt: number | null;
}

interface BenchProbe {
  /** Starts watching; returns a watch id for `result`. Synchronous, so a key pressed after it is seen. */
  arm(terminalId: string, condition: RowsCondition, frameText: string | null): number;
  result(watchId: number, timeoutMs: number): Promise<WatchResult>;
  /** Count of `char` in a terminal's rows right now. */
  count(terminalId: string, char: string): number;
  rowsText(terminalId: string): string;
  resetTraffic(): void;
  traffic(): Record<string, TerminalTraffic>;
}

declare global {
  interface Window {
    __skeinBench?: BenchProbe;
  }
}

/** Runs in the page (serialized by Playwright): may use nothing from this module's scope. */
function installProbe(): void {
  interface Watch {
    terminalId: string;
    condition: RowsCondition;
    frameText: string | null;
    keyEventAt: number | null;
    keyHandledAt: number | null;
    frameAt: number | null;
    done: Promise<number>;
  }
  const watches = new Map<number, Watch>();
  let nextWatch = 1;
  let traffic: Record<string, TerminalTraffic> = {};
  const ID_KEY = '"terminalId":"';

  const rowsOf = (terminalId: string): HTMLElement => {
    const rows = document.querySelector<HTMLElement>(`[data-terminal-id="${terminalId}"] .xterm-rows`);
    if (!rows) throw new Error(`No xterm rows on the page for terminal ${terminalId}`);
    return rows;
  };
  const countIn = (text: string, char: string): number => text.split(char).length - 1;
  const met = (text: string, condition: RowsCondition): boolean => {
    if (condition.kind === 'contains') return text.includes(condition.text);
    const count = countIn(text, condition.char);
    return condition.kind === 'countAtLeast' ? count >= condition.count : count <= condition.count;
  };

  window.addEventListener(
    'keydown',
    (event) => {
      const handledAt = performance.now();
      for (const watch of watches.values()) {
        if (watch.keyEventAt !== null) continue;
        watch.keyEventAt = event.timeStamp;
        watch.keyHandledAt = handledAt;
      }
    },
    true,
  );

  const onMessage = (event: MessageEvent): void => {
    const text: unknown = event.data;
    if (typeof text !== 'string' || !text.startsWith('{"jsonrpc":"2.0","method":"terminal/data"')) return;
    const at = performance.now();
    const start = text.indexOf(ID_KEY);
    if (start < 0) return;
    const terminalId = text.slice(start + ID_KEY.length, text.indexOf('"', start + ID_KEY.length));
    const entry = (traffic[terminalId] ??= { frames: 0, chars: 0, firstAt: null, lastAt: null });
    entry.frames += 1;
    entry.chars += text.length;
    entry.firstAt ??= at;
    entry.lastAt = at;
    for (const watch of watches.values()) {
      if (watch.frameAt === null && watch.frameText !== null && watch.terminalId === terminalId) {
        if (text.includes(watch.frameText, start)) watch.frameAt = at;
      }
    }
  };
  // Every socket the app opens gets the probe's listener first, so frames are timed on arrival.
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = new Proxy(NativeWebSocket, {
    construct(target, args: ConstructorParameters<typeof WebSocket>) {
      const socket = Reflect.construct<ConstructorParameters<typeof WebSocket>, WebSocket>(target, args);
      socket.addEventListener('message', onMessage);
      return socket;
    },
  });

  window.__skeinBench = {
    arm(terminalId, condition, frameText) {
      const rows = rowsOf(terminalId);
      const id = nextWatch++;
      const done = new Promise<number>((resolve) => {
        if (met(rows.textContent ?? '', condition)) {
          resolve(performance.now());
          return;
        }
        const observer = new MutationObserver(() => {
          if (!met(rows.textContent ?? '', condition)) return;
          observer.disconnect();
          resolve(performance.now());
        });
        observer.observe(rows, { childList: true, subtree: true, characterData: true });
      });
      watches.set(id, {
        terminalId,
        condition,
        frameText,
        keyEventAt: null,
        keyHandledAt: null,
        frameAt: null,
        done,
      });
      return id;
    },
    async result(watchId, timeoutMs) {
      const watch = watches.get(watchId);
      if (!watch) throw new Error(`No watch ${watchId}`);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new Error(
                `Terminal ${watch.terminalId} did not show ${JSON.stringify(watch.condition)} within ${timeoutMs} ms`,
              ),
            ),
          timeoutMs,
        );
      });
      try {
        const rowsAt = await Promise.race([watch.done, timeout]);
        return {
          keyEventAt: watch.keyEventAt,
          keyHandledAt: watch.keyHandledAt,
          frameAt: watch.frameAt,
          rowsAt,
        };
      } finally {
        clearTimeout(timer);
        watches.delete(watchId);
      }
    },
    count: (terminalId, char) => countIn(rowsOf(terminalId).textContent ?? '', char),
    rowsText: (terminalId) => (rowsOf(terminalId).textContent ?? '').replace(/\u00a0/g, ' '),
    resetTraffic() {
      traffic = {};
    },
    traffic: () => traffic,
  };
}

/**
 * Installs the probe in every document of the page. tsx compiles with esbuild's keepNames, which
 * wraps named functions in `__name(...)`; the page has no such helper, so it gets an identity one.
 */
export async function installTerminalProbe(page: Page): Promise<void> {
  await page.addInitScript({ content: 'window.__name = (target) => target;' });
  await page.addInitScript(installProbe);
}

const MISSING = 'The bench probe is not installed in this page (installTerminalProbe before goto)';

export function armWatch(
  page: PageEvaluator,
  terminalId: string,
  condition: RowsCondition,
  frameText: string | null = null,
): Promise<number> {
  return page.evaluate(
    ({ terminalId, condition, frameText, missing }) => {
      if (!window.__skeinBench) throw new Error(missing);
      return window.__skeinBench.arm(terminalId, condition, frameText);
    },
    { terminalId, condition, frameText, missing: MISSING },
  );
}

export function watchResult(page: PageEvaluator, watchId: number, timeoutMs: number): Promise<WatchResult> {
  return page.evaluate(
    ({ watchId, timeoutMs, missing }) => {
      if (!window.__skeinBench) throw new Error(missing);
      return window.__skeinBench.result(watchId, timeoutMs);
    },
    { watchId, timeoutMs, missing: MISSING },
  );
}

export function rowsCount(page: PageEvaluator, terminalId: string, char: string): Promise<number> {
  return page.evaluate(
    ({ terminalId, char, missing }) => {
      if (!window.__skeinBench) throw new Error(missing);
      return window.__skeinBench.count(terminalId, char);
    },
    { terminalId, char, missing: MISSING },
  );
}

export function rowsText(page: PageEvaluator, terminalId: string): Promise<string> {
  return page.evaluate(
    ({ terminalId, missing }) => {
      if (!window.__skeinBench) throw new Error(missing);
      return window.__skeinBench.rowsText(terminalId);
    },
    { terminalId, missing: MISSING },
  );
}

export function resetTraffic(page: PageEvaluator): Promise<void> {
  return page.evaluate((missing) => {
    if (!window.__skeinBench) throw new Error(missing);
    window.__skeinBench.resetTraffic();
  }, MISSING);
}

export function pageTraffic(page: PageEvaluator): Promise<Record<string, TerminalTraffic>> {
  return page.evaluate((missing) => {
    if (!window.__skeinBench) throw new Error(missing);
    return window.__skeinBench.traffic();
  }, MISSING);
}
