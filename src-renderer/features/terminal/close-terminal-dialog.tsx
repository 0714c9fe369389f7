import { InlineError, Modal, ModalActions } from '../../app/ui/modal';
import { requireClient } from '../../lib/session';
import { useAsyncAction } from '../../lib/use-async-action';
import { terminalTabName } from './terminal-names';
import { useTerminals } from './terminals-slice';

export function CloseTerminalDialog(props: { terminalId: string; threadId: string; onClose: () => void }) {
  const { terminalId, threadId, onClose } = props;
  const terminals = useTerminals((s) => s.byThread[threadId]);
  const index = terminals?.findIndex((t) => t.id === terminalId) ?? -1;
  const terminal = terminals?.[index];
  const { pending, error, run } = useAsyncAction();

  const close = async () => {
    const result = await run(() => requireClient().api.terminal.close({ terminalId }));
    if (!result) return;
    useTerminals.getState().remove(threadId, terminalId);
    onClose();
  };

  const name = terminal ? terminalTabName(terminal, index) : 'this terminal';
  return (
    <Modal title="Close terminal" onClose={onClose}>
      <p>
        Close <strong>{name}</strong>?{' '}
        {terminal?.status === 'running' ? 'Its process is ended and its' : 'Its'} scrollback is deleted.
      </p>
      <InlineError message={error} />
      <ModalActions>
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="button danger"
          disabled={pending}
          autoFocus
          onClick={() => void close()}
        >
          Close terminal
        </button>
      </ModalActions>
    </Modal>
  );
}
