import { useEffect, useState } from 'react';
import { useSession } from '../../lib/session';

/** The project's branches for a base select; a failure is reported through `onError`. */
export function useProjectBranches(projectId: string, onError: (message: string) => void): string[] {
  const client = useSession((s) => s.client);
  const [branches, setBranches] = useState<string[]>([]);
  useEffect(() => {
    if (!client) return;
    let cancelled = false;
    client.api.project.branches({ projectId }).then(
      (result) => {
        if (!cancelled) setBranches(result.branches);
      },
      (caught: unknown) => {
        if (!cancelled) onError(caught instanceof Error ? caught.message : String(caught));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [client, projectId, onError]);
  return branches;
}
