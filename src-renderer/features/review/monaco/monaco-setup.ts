/**
 * Everything Monaco needs, in one module the review loads on demand (see load-monaco.ts), so the
 * app's first paint does not pay for the editor. Only what a read-only diff viewer uses is
 * registered: syntax colouring for every language (tokenisers load per language on first use),
 * find, folding, hovers and the context menu; no language services, so no language workers.
 */
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/diffEditor/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/wordHighlighter/register';
import 'monaco-editor/features/gotoLine/register';
import 'monaco-editor/languages/definitions/register.all';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { followAppTheme } from './monaco-theme';

// The diff is computed in the editor worker. It is a bundled file served from our own origin, so
// the CSP needs `worker-src 'self'` only (Monaco's blob: bootstrap is never used).
globalThis.MonacoEnvironment = {
  getWorker: (_workerId: string, label: string) => new EditorWorker({ name: `monaco-${label}` }),
};

followAppTheme(monaco);

export { monaco };
export type Monaco = typeof monaco;
