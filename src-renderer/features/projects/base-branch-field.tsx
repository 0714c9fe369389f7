import { useId } from 'react';
import { useProjects } from './projects-slice';
import { useProjectBranches } from './use-project-branches';

/**
 * The "Base branch" choice of every dialog that starts threads: the repository's default first
 * (an empty value, so the host decides at start), then its other branches.
 */
export function BaseBranchField({
  projectId,
  value,
  onChange,
  onError,
}: {
  projectId: string;
  value: string;
  onChange: (base: string) => void;
  /** Must be stable (a state setter): it is a dependency of the branch listing. */
  onError: (message: string) => void;
}) {
  const project = useProjects((s) => s.byId[projectId]);
  const branches = useProjectBranches(projectId, onError);
  const id = useId();
  const defaultBase = project?.defaultBase ?? 'default branch';
  return (
    <>
      <label htmlFor={id} className="field-label">
        Base branch
      </label>
      <select id={id} className="select" value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">Default ({defaultBase})</option>
        {branches
          .filter((branch) => branch !== defaultBase)
          .map((branch) => (
            <option key={branch} value={branch}>
              {branch}
            </option>
          ))}
      </select>
    </>
  );
}
