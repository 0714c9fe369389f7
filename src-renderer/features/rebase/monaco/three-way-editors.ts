import type * as MonacoApi from 'monaco-editor/editor';
import { currentThemeName } from '../../review/monaco/monaco-theme';
import { conflictRegionLines } from '../rebase-labels';

type Monaco = typeof MonacoApi;
type CodeEditor = MonacoApi.editor.IStandaloneCodeEditor;

export type ThreeWayColumn = 'ancestor' | 'base' | 'result' | 'thread';

export interface ThreeWayColumnSetup {
  container: HTMLElement;
  text: string;
  /** The editor's own accessible name (Monaco puts it on its text area). */
  ariaLabel: string;
}

/** The same text size as the review's diff editor (review-diff-editor.ts). */
const EDITOR_FONT_SIZE_PX = 12;
const EDITOR_LINE_HEIGHT_PX = 18;
/**
 * Conflict regions are re-found on every edit of the result; past this many lines that scan would
 * slow typing, so huge files go without the highlight (markers still read as text).
 */
const HIGHLIGHT_MAX_LINES = 20_000;

/**
 * The editors of a three-way view: the ancestor, the base and the thread's change read-only, the
 * result editable. Owns its editors and models and disposes them together.
 */
export class ThreeWayEditors {
  private readonly editors = new Map<ThreeWayColumn, CodeEditor>();
  private readonly models: MonacoApi.editor.ITextModel[] = [];
  private readonly disposables: MonacoApi.IDisposable[] = [];
  private readonly regions: MonacoApi.editor.IEditorDecorationsCollection;

  constructor(
    private readonly monaco: Monaco,
    columns: Record<ThreeWayColumn, ThreeWayColumnSetup>,
    language: string,
    onResultChange: (text: string) => void,
  ) {
    const known = monaco.languages.getLanguages().some((l) => l.id === language);
    const languageId = known ? language : 'plaintext';
    for (const column of ['ancestor', 'base', 'result', 'thread'] as const) {
      const setup = columns[column];
      const model = monaco.editor.createModel(setup.text, languageId);
      this.models.push(model);
      this.editors.set(
        column,
        monaco.editor.create(setup.container, {
          model,
          theme: currentThemeName(),
          readOnly: column !== 'result',
          ariaLabel: setup.ariaLabel,
          automaticLayout: true,
          minimap: { enabled: false },
          scrollBeyondLastLine: false,
          stickyScroll: { enabled: false },
          fontSize: EDITOR_FONT_SIZE_PX,
          lineHeight: EDITOR_LINE_HEIGHT_PX,
          renderValidationDecorations: 'off',
          // Three or four columns share one pane: wrapping keeps whole lines readable side by side.
          wordWrap: 'on',
        }),
      );
    }
    const result = this.editor('result');
    this.regions = result.createDecorationsCollection();
    this.highlightRegions();
    this.disposables.push(
      result.onDidChangeModelContent(() => {
        this.highlightRegions();
        onResultChange(result.getValue());
      }),
    );
  }

  result(): string {
    return this.editor('result').getValue();
  }

  /** Replaces the result as one undoable edit, so Ctrl+Z brings the previous text back. */
  replaceResult(text: string): void {
    const editor = this.editor('result');
    const model = editor.getModel();
    if (!model) return;
    editor.pushUndoStop();
    editor.executeEdits('skein.rebase.take', [{ range: model.getFullModelRange(), text }]);
    editor.pushUndoStop();
  }

  focusResult(): void {
    this.editor('result').focus();
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
    for (const editor of this.editors.values()) editor.dispose();
    for (const model of this.models) model.dispose();
    this.editors.clear();
  }

  private editor(column: ThreeWayColumn): CodeEditor {
    const editor = this.editors.get(column);
    if (!editor) throw new Error(`The ${column} editor is gone.`);
    return editor;
  }

  private highlightRegions(): void {
    const model = this.editor('result').getModel();
    if (!model || model.getLineCount() > HIGHLIGHT_MAX_LINES) {
      this.regions.clear();
      return;
    }
    this.regions.set(
      conflictRegionLines(model.getValue()).map(({ start, end }) => ({
        range: new this.monaco.Range(start, 1, end, 1),
        options: {
          isWholeLine: true,
          className: 'rebase-conflict-lines',
          linesDecorationsClassName: 'rebase-conflict-gutter',
          overviewRuler: {
            color: '#e3b55b',
            position: this.monaco.editor.OverviewRulerLane.Right,
          },
        },
      })),
    );
  }
}
