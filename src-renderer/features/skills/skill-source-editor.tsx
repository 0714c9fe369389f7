import { useEffect, useRef, useState, type RefObject } from 'react';
import type { SkillProblem } from '../../../src-shared/contract';
import { loadMonaco } from '../review/monaco/load-monaco';
import type { Monaco } from '../review/monaco/monaco-setup';

type CodeEditor = ReturnType<Monaco['editor']['create']>;

const MARKER_OWNER = 'skein-skill';

interface SkillSourceEditorProps {
  /** The text when the editor is created; later changes come from the user only. */
  initial: string;
  problems: readonly SkillProblem[];
  onChange: (text: string) => void;
  /** Mod+S in the editor. */
  onSave: () => void;
  label: string;
  /** Filled once the editor exists: moves the cursor to a problem's place. */
  revealRef: RefObject<((line: number, column: number | null) => void) | null>;
  /** Filled once the editor exists: replaces the whole text as one undoable edit (a reload from disk). */
  replaceRef?: RefObject<((text: string) => void) | null>;
}

/** Monaco on SKILL.md (loaded on first use), with the host's problems as markers. */
export function SkillSourceEditor({
  initial,
  problems,
  onChange,
  onSave,
  label,
  revealRef,
  replaceRef,
}: SkillSourceEditorProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [editor, setEditor] = useState<{ monaco: Monaco; editor: CodeEditor } | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const initialText = useRef(initial);
  const changed = useRef(onChange);
  const saved = useRef(onSave);
  useEffect(() => {
    changed.current = onChange;
    saved.current = onSave;
  });

  useEffect(() => {
    let created: CodeEditor | null = null;
    let cancelled = false;
    loadMonaco().then(
      (monaco) => {
        const container = containerRef.current;
        if (cancelled || !container) return;
        const model = monaco.editor.createModel(initialText.current, 'markdown');
        created = monaco.editor.create(container, {
          model,
          automaticLayout: true,
          minimap: { enabled: false },
          wordWrap: 'on',
          fontSize: 13,
          scrollBeyondLastLine: false,
          // Typed text lands as typed: frontmatter quotes and brackets are the user's to close.
          autoClosingBrackets: 'never',
          autoClosingQuotes: 'never',
          autoIndent: 'none',
          ariaLabel: label,
        });
        const instance = created;
        instance.onDidChangeModelContent(() => changed.current(model.getValue()));
        instance.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => saved.current());
        revealRef.current = (line, column) => {
          const position = { lineNumber: line, column: column ?? 1 };
          instance.setPosition(position);
          instance.revealPositionInCenterIfOutsideViewport(position);
          instance.focus();
        };
        if (replaceRef) {
          replaceRef.current = (text) => {
            if (model.getValue() === text) return;
            model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
          };
        }
        setEditor({ monaco, editor: instance });
      },
      (error: unknown) => {
        if (!cancelled) setLoadError(error instanceof Error ? error.message : String(error));
      },
    );
    return () => {
      cancelled = true;
      revealRef.current = null;
      if (replaceRef) replaceRef.current = null;
      const model = created?.getModel();
      created?.dispose();
      model?.dispose();
    };
  }, [label, revealRef, replaceRef]);

  useEffect(() => {
    const model = editor?.editor.getModel();
    if (!editor || !model) return;
    const { monaco } = editor;
    const lastLine = model.getLineCount();
    editor.monaco.editor.setModelMarkers(
      model,
      MARKER_OWNER,
      problems.map((problem) => {
        const line = Math.min(Math.max(problem.line ?? 1, 1), lastLine);
        const column = Math.max(problem.column ?? 1, 1);
        return {
          severity:
            problem.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
          message: problem.message,
          startLineNumber: line,
          startColumn: problem.column === null ? 1 : column,
          endLineNumber: line,
          endColumn: model.getLineMaxColumn(line),
        };
      }),
    );
  }, [editor, problems]);

  if (loadError) {
    return (
      <p className="inline-error" role="alert">
        The editor could not load: {loadError}
      </p>
    );
  }
  return <div ref={containerRef} className="skill-source-editor" data-ready={editor ? 'true' : 'false'} />;
}
