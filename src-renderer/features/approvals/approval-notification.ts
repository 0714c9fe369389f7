import type { Approval } from '../../../src-shared/contract';
import { desktopBridge } from '../../lib/connection';
import { useThreads } from '../threads/threads-slice';

/** A desktop notification for a new question (desktop window only; the browser shows the inbox badge). */
export function notifyApprovalRequested(approval: Approval): void {
  const bridge = desktopBridge();
  if (!bridge) return;
  const thread = useThreads.getState().byId[approval.threadId]?.title ?? 'A thread';
  const what =
    approval.kind === 'command' && approval.command
      ? `Run: ${approval.command}`
      : approval.kind === 'patch'
        ? 'Change files'
        : `Use the ${approval.tool} tool`;
  bridge.notify(`${thread} needs approval`, what);
}
