import { useEffect, useMemo, useRef } from 'react';
import type { ReviewRun } from '../../../src-shared/contract';
import type { ReviewDiffEditor } from '../review/monaco/review-diff-editor';
import { findingMarks } from './finding-marks';
import { runsOf, shownFindings, useReviewAgent } from './review-agent-slice';

const NO_RUNS: ReviewRun[] = [];

/**
 * Draws the thread's review findings into the diff editor showing `path`, and scrolls to a finding
 * when its "go to" button asks (once per request, after the file's text is in). Call it after the
 * effect that shows `texts`, so the marks land on the new models.
 */
export function useFindingMarks(
  editor: ReviewDiffEditor | null,
  threadId: string | undefined,
  path: string,
  texts: unknown,
): void {
  const runs = useReviewAgent((s) => (threadId ? runsOf(s.runs, threadId) : NO_RUNS));
  const findings = useMemo(() => shownFindings(runs), [runs]);
  const reveal = useReviewAgent((s) => (threadId ? (s.reveal[threadId] ?? null) : null));
  const revealed = useRef(0);

  useEffect(() => {
    if (!editor) return;
    const counts = editor.lineCounts();
    editor.setFindingMarks(counts ? findingMarks(findings, path, counts.new) : []);
  }, [editor, findings, path, texts]);

  useEffect(() => {
    if (!editor || !reveal || reveal.path !== path || revealed.current === reveal.nonce) return;
    revealed.current = reveal.nonce;
    editor.revealLine(reveal.line);
  }, [editor, reveal, path, texts]);
}
