import type { Logger } from '../../log';
import type { BackendEvent, BackendHooks, BackendStatus } from './types';

/**
 * A backend's status and the hooks it reports to. Shared by every backend so that "exited is final"
 * and "a throwing event handler never breaks the backend" hold in one place.
 */
export class BackendReporter {
  private current: BackendStatus = 'starting';

  constructor(
    private readonly hooks: Pick<BackendHooks, 'onEvent'>,
    private readonly log: Logger,
  ) {}

  get status(): BackendStatus {
    return this.current;
  }

  emit(event: BackendEvent): void {
    try {
      this.hooks.onEvent(event);
    } catch (error) {
      this.log.error('A backend event handler threw', error);
    }
  }

  /** A new status, or the same with a detail worth showing (a retry); nothing after `exited`. */
  setStatus(status: BackendStatus, detail: string | null): void {
    if (this.current === status && detail === null) return;
    if (this.current === 'exited') return;
    this.current = status;
    this.emit({ type: 'status', status, detail });
  }

  /** The agent's process is gone: reported once. */
  exited(detail: string | null): void {
    if (this.current === 'exited') return;
    this.current = 'exited';
    this.emit({ type: 'status', status: 'exited', detail });
  }
}
