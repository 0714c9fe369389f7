import { create } from 'zustand';
import type { ReviewFinding, ReviewRun } from '../../../src-shared/contract';

/** Where the diff editor should scroll to: set by a finding's "go to" button, read by the editor. */
export interface RevealRequest {
  path: string;
  line: number;
  /** Bumped on every request, so asking for the same line twice scrolls again. */
  nonce: number;
}

interface ReviewAgentState {
  /** Each thread's review runs, newest first; absent until fetched. */
  runs: Record<string, ReviewRun[]>;
  reveal: Record<string, RevealRequest | null>;
  setRuns: (threadId: string, runs: ReviewRun[]) => void;
  /** A run started, ended or changed: replaces it in place, or adds it at the top. */
  upsert: (run: ReviewRun) => void;
  requestReveal: (threadId: string, path: string, line: number) => void;
}

let nonce = 0;

export const useReviewAgent = create<ReviewAgentState>((set) => ({
  runs: {},
  reveal: {},
  setRuns: (threadId, runs) => set((state) => ({ runs: { ...state.runs, [threadId]: runs } })),
  upsert: (run) =>
    set((state) => {
      const current = state.runs[run.threadId] ?? [];
      const known = current.some((r) => r.id === run.id);
      const next = known ? current.map((r) => (r.id === run.id ? run : r)) : [run, ...current];
      return { runs: { ...state.runs, [run.threadId]: next } };
    }),
  requestReveal: (threadId, path, line) =>
    set((state) => ({ reveal: { ...state.reveal, [threadId]: { path, line, nonce: (nonce += 1) } } })),
}));

const NO_RUNS: ReviewRun[] = [];

export function runsOf(runs: Record<string, ReviewRun[]>, threadId: string): ReviewRun[] {
  return runs[threadId] ?? NO_RUNS;
}

/** The findings the diff shows: the newest completed run's, without the dismissed ones. */
export function shownFindings(runs: readonly ReviewRun[]): ReviewFinding[] {
  const latest = runs.find((run) => run.status === 'completed');
  return (latest?.findings ?? []).filter((finding) => finding.status !== 'dismissed');
}
