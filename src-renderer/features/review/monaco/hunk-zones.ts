import type * as MonacoApi from 'monaco-editor/editor';
import type { DiffHunk } from '../../../../src-shared/contract';
import { hunkAnchorLine } from '../hunk-anchor';

export interface HunkPosition {
  hunk: DiffHunk;
  /** Pixels from the top of the container the positions were asked for. */
  top: number;
  /** Pixels from the right edge of that container to the modified editor's text area. */
  right: number;
}

/** Before the diff editor's own zones at the same line: the header sits above deleted lines too. */
const HEADER_ORDINAL = 0;

/**
 * A one-line header zone above each revertable hunk on the modified side, like a hunk's `@@` row in
 * a patch. It reserves a blank row so the hunk's button (drawn over it by the React overlay) never
 * covers code. Monaco reports each zone's top as it renders, which is where the button goes.
 */
export class HunkZones {
  private hunks: readonly DiffHunk[] = [];
  private zoneIds: string[] = [];
  /** The anchor lines the zones were placed at; null when none are placed. */
  private placedLines: string | null = null;
  private readonly tops = new Map<DiffHunk, number>();

  constructor(
    private readonly diffEditor: MonacoApi.editor.IStandaloneDiffEditor,
    private readonly lineHeight: number,
    private readonly onMove: () => void,
  ) {}

  set(hunks: readonly DiffHunk[]): void {
    this.hunks = hunks;
    this.placedLines = null;
    this.place();
  }

  /** Puts the zones above each hunk's first changed line; again whenever the diff is recomputed. */
  place(): void {
    const changes = this.diffEditor.getLineChanges();
    // Still diffing: placing now would put the headers on context lines and move them a moment later.
    if (!changes && this.hunks.length > 0) return;
    const lines = this.hunks.map((hunk) => hunkAnchorLine(hunk, changes ?? []));
    const key = lines.join(',');
    if (key === this.placedLines) return;
    this.placedLines = key;
    const editor = this.diffEditor.getModifiedEditor();
    editor.changeViewZones((accessor) => {
      for (const id of this.zoneIds) accessor.removeZone(id);
      this.zoneIds = [];
      this.tops.clear();
      this.hunks.forEach((hunk, index) => {
        const domNode = document.createElement('div');
        domNode.className = 'review-hunk-zone';
        domNode.textContent = hunk.header;
        this.zoneIds.push(
          accessor.addZone({
            afterLineNumber: Math.max(0, (lines[index] ?? 1) - 1),
            heightInLines: 1,
            ordinal: HEADER_ORDINAL,
            domNode,
            onDomNodeTop: (top) => {
              if (this.tops.get(hunk) === top) return;
              this.tops.set(hunk, top);
              this.onMove();
            },
          }),
        );
      });
    });
  }

  /** A new model drops every view zone; they come back with the next diff (`place`). */
  modelChanged(): void {
    this.zoneIds = [];
    this.placedLines = null;
    this.tops.clear();
  }

  /** Where each visible hunk's button goes, relative to `container`. */
  positions(container: HTMLElement): HunkPosition[] {
    const editor = this.diffEditor.getModifiedEditor();
    const node = editor.getDomNode();
    if (!node) return [];
    const editorBox = node.getBoundingClientRect();
    const containerBox = container.getBoundingClientRect();
    const right = containerBox.right - editorBox.right + editor.getLayoutInfo().verticalScrollbarWidth;
    const positions: HunkPosition[] = [];
    for (const hunk of this.hunks) {
      const top = this.tops.get(hunk);
      if (top === undefined || top < 0 || top > editorBox.height - this.lineHeight) continue;
      positions.push({ hunk, top: top + editorBox.top - containerBox.top, right });
    }
    return positions;
  }
}
