import type * as MonacoApi from 'monaco-editor/editor';
import type { DiffHunk } from '../../../../src-shared/contract';
import { selectedLines, type CommentMark, type CommentSide, type SideMarks } from '../comment-marks';
import type { FindingMark } from '../../review-agent/finding-marks';
import { HunkZones, type HunkPosition } from './hunk-zones';
import type { DiffLayout } from '../review-slice';
import { currentThemeName } from './monaco-theme';

type Monaco = typeof MonacoApi;
type CodeEditor = MonacoApi.editor.IStandaloneCodeEditor;
type DiffModels = { original: MonacoApi.editor.ITextModel; modified: MonacoApi.editor.ITextModel };

export interface EditorLineSelection {
  side: CommentSide;
  startLine: number;
  endLine: number;
}

export interface ReviewDiffEditorEvents {
  /** The person moved the cursor or selected lines (never fired for programmatic changes). */
  onSelection: (selection: EditorLineSelection) => void;
  /** The comment shortcut or context-menu entry was used, on these lines. */
  onCommentRequest: (selection: EditorLineSelection | null) => void;
}

export interface DiffTexts {
  oldText: string;
  newText: string;
  language: string;
}

/** Comment on the selected lines: Ctrl+Alt+C (⌘⌥C on macOS); app shortcuts never use Alt. */
export function commentKeybinding(monaco: Monaco): number {
  return monaco.KeyMod.CtrlCmd | monaco.KeyMod.Alt | monaco.KeyCode.KeyC;
}

/** Editor text size in pixels, as the app's monospace text (theme.css `.mono`). */
const EDITOR_FONT_SIZE_PX = 12;
const EDITOR_LINE_HEIGHT_PX = 18;
const SIDE_BY_SIDE_MIN_WIDTH_PX = 560;

/**
 * The Monaco diff editor of a review pane, read-only on both sides, with the pane's comments drawn
 * in. Owns its models: each `show` replaces the previous pair, disposed once the new diff is in.
 */
export class ReviewDiffEditor {
  private readonly editor: MonacoApi.editor.IStandaloneDiffEditor;
  private readonly disposables: MonacoApi.IDisposable[] = [];
  private readonly decorations: Record<CommentSide, MonacoApi.editor.IEditorDecorationsCollection>;
  /** The review agent's findings, on the new side. */
  private readonly findingDecorations: MonacoApi.editor.IEditorDecorationsCollection;
  private readonly zones: Record<CommentSide, string[]> = { old: [], new: [] };
  private readonly viewListeners = new Set<() => void>();
  private readonly hunkZones: HunkZones;
  private retiredModels: DiffModels[] = [];
  private models: DiffModels | null = null;

  constructor(
    private readonly monaco: Monaco,
    container: HTMLElement,
    layout: DiffLayout,
    events: ReviewDiffEditorEvents,
  ) {
    this.editor = monaco.editor.createDiffEditor(container, {
      theme: currentThemeName(),
      readOnly: true,
      originalEditable: false,
      automaticLayout: true,
      renderSideBySide: layout === 'side-by-side',
      useInlineViewWhenSpaceIsLimited: true,
      // Monaco switches to inline under 900 px; a review pane beside a file tree is often narrower
      // and two 280 px columns of code still read well.
      renderSideBySideInlineBreakpoint: SIDE_BY_SIDE_MIN_WIDTH_PX,
      hideUnchangedRegions: { enabled: true, contextLineCount: 3, minimumLineCount: 3, revealLineCount: 20 },
      // Monaco's own revert arrows would edit the in-memory model only; reverts go through the host.
      renderMarginRevertIcon: false,
      renderGutterMenu: false,
      ignoreTrimWhitespace: false,
      glyphMargin: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      stickyScroll: { enabled: false },
      fontSize: EDITOR_FONT_SIZE_PX,
      lineHeight: EDITOR_LINE_HEIGHT_PX,
      originalAriaLabel: 'Before',
      modifiedAriaLabel: 'After',
    });
    const sides: [CommentSide, CodeEditor][] = [
      ['old', this.editor.getOriginalEditor()],
      ['new', this.editor.getModifiedEditor()],
    ];
    this.decorations = {
      old: this.editor.getOriginalEditor().createDecorationsCollection(),
      new: this.editor.getModifiedEditor().createDecorationsCollection(),
    };
    this.findingDecorations = this.editor.getModifiedEditor().createDecorationsCollection();
    for (const [side, editor] of sides) {
      this.disposables.push(
        editor.onDidChangeCursorSelection((event) => {
          if (event.reason !== monaco.editor.CursorChangeReason.Explicit) return;
          events.onSelection({ side, ...selectedLines(event.selection) });
        }),
        editor.addAction({
          id: 'skein.review.comment',
          label: 'Comment on Selected Lines',
          keybindings: [commentKeybinding(monaco)],
          contextMenuGroupId: 'navigation',
          contextMenuOrder: 0,
          run: (target) => {
            const selection = target.getSelection();
            const lines = selection ? { side, ...selectedLines(selection) } : null;
            if (lines) events.onSelection(lines);
            events.onCommentRequest(lines);
          },
        }),
        editor.onDidScrollChange(() => this.viewChanged()),
        editor.onDidLayoutChange(() => this.viewChanged()),
        editor.onDidContentSizeChange(() => this.viewChanged()),
      );
    }
    this.hunkZones = new HunkZones(this.editor, EDITOR_LINE_HEIGHT_PX, () => this.viewChanged());
    this.disposables.push(
      this.editor.onDidUpdateDiff(() => {
        this.disposeRetiredModels();
        this.hunkZones.place();
        this.viewChanged();
      }),
    );
  }

  /** Scrolling, resizing, folding or a new diff: whatever is drawn over the editor must move. */
  onViewChange(listener: () => void): () => void {
    this.viewListeners.add(listener);
    return () => this.viewListeners.delete(listener);
  }

  show({ oldText, newText, language }: DiffTexts): void {
    const known = this.monaco.languages.getLanguages().some((l) => l.id === language);
    const languageId = known ? language : 'plaintext';
    const next = {
      original: this.monaco.editor.createModel(oldText, languageId),
      modified: this.monaco.editor.createModel(newText, languageId),
    };
    const previous = this.models;
    this.clearZones();
    // Before setModel: the editor reports the (not yet computed) new diff from inside it.
    this.hunkZones.modelChanged();
    this.editor.setModel(next);
    this.models = next;
    // Not disposed yet: a diff of them may still be computing in the worker, and Monaco reports
    // "no diff result available" when its models vanish under it. They go once the new diff is in.
    if (previous) this.retiredModels.push(previous);
  }

  private disposeRetiredModels(): void {
    for (const models of this.retiredModels.splice(0)) {
      models.original.dispose();
      models.modified.dispose();
    }
  }

  setLayout(layout: DiffLayout): void {
    this.editor.updateOptions({ renderSideBySide: layout === 'side-by-side' });
  }

  lineCounts(): { old: number; new: number } | null {
    if (!this.models) return null;
    return { old: this.models.original.getLineCount(), new: this.models.modified.getLineCount() };
  }

  /** Draws comments: a tinted line range, a glyph with the text on hover, and a note under the lines. */
  setMarks(marks: SideMarks): void {
    for (const side of ['old', 'new'] as const) {
      this.decorations[side].set(marks[side].map((mark) => this.decorationFor(mark)));
    }
    this.clearZones();
    for (const side of ['old', 'new'] as const) {
      const editor = this.sideEditor(side);
      editor.changeViewZones((accessor) => {
        for (const mark of marks[side]) {
          if (!mark.zone) continue;
          this.zones[side].push(
            accessor.addZone({
              afterLineNumber: mark.zone.afterLine,
              heightInLines: mark.zone.heightInLines,
              domNode: zoneNode(mark),
            }),
          );
        }
      });
    }
  }

  /** Draws the review agent's findings: a tinted range and a glyph with the finding on hover. */
  setFindingMarks(marks: readonly FindingMark[]): void {
    this.findingDecorations.set(
      marks.map((mark) => ({
        range: new this.monaco.Range(mark.startLine, 1, mark.endLine, 1),
        options: {
          isWholeLine: true,
          className: mark.lineClass,
          glyphMarginClassName: `${mark.glyphClass} codicon codicon-warning`,
          glyphMarginHoverMessage: { value: mark.hover },
          hoverMessage: { value: mark.hover },
          stickiness: this.monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges,
        },
      })),
    );
  }

  /** Scrolls the new side to a line and puts the cursor there. */
  revealLine(line: number): void {
    const editor = this.editor.getModifiedEditor();
    const last = editor.getModel()?.getLineCount() ?? line;
    const target = Math.min(Math.max(1, line), last);
    editor.revealLineInCenter(target);
    editor.setPosition({ lineNumber: target, column: 1 });
  }

  quote(side: CommentSide, startLine: number, endLine: number): string {
    const model = side === 'old' ? this.models?.original : this.models?.modified;
    if (!model) return '';
    const last = Math.min(endLine, model.getLineCount());
    const lines: string[] = [];
    for (let line = Math.max(1, startLine); line <= last; line += 1) lines.push(model.getLineContent(line));
    return lines.join('\n');
  }

  goToDiff(target: 'next' | 'previous'): void {
    this.editor.goToDiff(target);
  }

  focus(side: CommentSide): void {
    this.sideEditor(side).focus();
  }

  /** Reserves a header row above each hunk, where its revert button goes; an empty list removes them. */
  setHunks(hunks: readonly DiffHunk[]): void {
    this.hunkZones.set(hunks);
  }

  hunkPositions(container: HTMLElement): HunkPosition[] {
    return this.hunkZones.positions(container);
  }

  dispose(): void {
    this.viewListeners.clear();
    for (const disposable of this.disposables) disposable.dispose();
    this.editor.dispose();
    this.models?.original.dispose();
    this.models?.modified.dispose();
    this.disposeRetiredModels();
    this.models = null;
  }

  private viewChanged(): void {
    for (const listener of this.viewListeners) listener();
  }

  private sideEditor(side: CommentSide): CodeEditor {
    return side === 'old' ? this.editor.getOriginalEditor() : this.editor.getModifiedEditor();
  }

  private clearZones(): void {
    for (const side of ['old', 'new'] as const) {
      const ids = this.zones[side];
      if (ids.length === 0) continue;
      this.sideEditor(side).changeViewZones((accessor) => ids.forEach((id) => accessor.removeZone(id)));
      this.zones[side] = [];
    }
  }

  private decorationFor(mark: CommentMark): MonacoApi.editor.IModelDeltaDecoration {
    return {
      range: new this.monaco.Range(mark.startLine, 1, mark.endLine, 1),
      options: {
        isWholeLine: true,
        className: mark.lineClass,
        glyphMarginClassName: `${mark.glyphClass} codicon codicon-comment`,
        glyphMarginHoverMessage: { value: mark.hover },
        stickiness: this.monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges,
      },
    };
  }
}

/** The note under a comment's lines; text only, never HTML from the comment. */
function zoneNode(mark: CommentMark): HTMLElement {
  const node = document.createElement('div');
  node.className = `review-comment-zone review-comment-zone-${mark.status}`;
  const heading = document.createElement('div');
  heading.className = 'review-comment-zone-heading';
  heading.textContent = mark.zone?.heading ?? '';
  const body = document.createElement('div');
  body.className = 'review-comment-zone-body';
  body.textContent = mark.zone?.body ?? '';
  node.append(heading, body);
  return node;
}
