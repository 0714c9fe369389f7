import type { AgentSettingsView } from '../../../src-shared/contract';

/** Says plainly when commands cannot be confined on this machine (and so all of them will ask). */
export function SandboxWarning({ view }: { view: AgentSettingsView | undefined }) {
  if (!view || view.sandbox.available) return null;
  return (
    <p className="sandbox-warning" role="status">
      Commands can&apos;t be sandboxed here: every command will ask for approval.
      {view.sandbox.detail && <span className="sandbox-detail"> {view.sandbox.detail}</span>}
    </p>
  );
}
