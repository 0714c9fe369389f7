import type { NotificationName, NotificationParams } from '../../src-shared/contract';

/** Something that can push a notification to every client (the host's broadcaster). */
export interface Publisher {
  publish<N extends NotificationName>(name: N, params: NotificationParams<N>): void;
}

/** One client that can receive topic notifications (e.g. a terminal's output) and tells when it leaves. */
export interface Subscriber {
  readonly id: string;
  notify<N extends NotificationName>(name: N, params: NotificationParams<N>): void;
  /** Runs when the client's session ends (it disconnected, or reloaded and started over). */
  onClose(listener: () => void): () => void;
}
