import type { SDKUserMessage } from '@anthropic-ai/claude-agent-sdk';

/**
 * The input stream of a Claude Code session: `query()` reads user messages from an async iterable
 * for as long as it stays open (the SDK's streaming-input mode, which steering and control
 * requests need). Ending it lets Claude Code finish and exit on its own.
 */
export class ClaudeInput implements AsyncIterable<SDKUserMessage> {
  private readonly queue: SDKUserMessage[] = [];
  private waiting: ((result: IteratorResult<SDKUserMessage>) => void) | null = null;
  private ended = false;

  push(message: SDKUserMessage): void {
    if (this.ended) return;
    const waiting = this.waiting;
    if (waiting) {
      this.waiting = null;
      waiting({ value: message, done: false });
    } else this.queue.push(message);
  }

  end(): void {
    this.ended = true;
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterator<SDKUserMessage> {
    return {
      next: () => {
        const message = this.queue.shift();
        if (message) return Promise.resolve({ value: message, done: false });
        if (this.ended) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => {
          this.waiting = resolve;
        });
      },
      return: () => {
        this.end();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}

/** A plain-text user message; its uuid is how Claude Code's lifecycle frames and results name it. */
export function userMessage(text: string, uuid: string): SDKUserMessage {
  return {
    type: 'user',
    message: { role: 'user', content: text },
    parent_tool_use_id: null,
    uuid: uuid as SDKUserMessage['uuid'],
  };
}
