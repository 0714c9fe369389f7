import { beforeEach, describe, expect, test } from 'vitest';
import type { ConflictMatrix } from '../../src-shared/contract';
import { useConflicts } from '../../src-renderer/features/conflicts/conflicts-slice';

function matrix(projectId: string, updatedAt: number, computing = false): ConflictMatrix {
  return { projectId, bases: {}, threads: [], pairs: [], computing, suggestedOrder: [], updatedAt };
}

describe('the conflicts slice', () => {
  beforeEach(() => useConflicts.getState().reset());

  test('keeps the newer matrix when an older answer arrives late', () => {
    const { setMatrix } = useConflicts.getState();
    setMatrix(matrix('p', 20, true));
    setMatrix(matrix('p', 10));
    expect(useConflicts.getState().byProject.p?.updatedAt).toBe(20);
    setMatrix(matrix('p', 30));
    expect(useConflicts.getState().byProject.p).toMatchObject({ updatedAt: 30, computing: false });
  });

  test('a matrix clears the project error; removing a project drops both', () => {
    const state = useConflicts.getState();
    state.setError('p', 'Method not found');
    state.setError('q', 'gone');
    expect(useConflicts.getState().errors).toEqual({ p: 'Method not found', q: 'gone' });
    state.setMatrix(matrix('p', 1));
    expect(useConflicts.getState().errors).toEqual({ q: 'gone' });
    state.remove('p');
    state.remove('q');
    expect(useConflicts.getState()).toMatchObject({ byProject: {}, errors: {} });
  });
});
