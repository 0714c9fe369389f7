/**
 * The conflict-radar benchmark's repository and the work of its 20 threads. Most of each thread's
 * work is its own (files no other thread touches); a few shared files carry the interesting cells:
 * same lines edited in two or three threads (conflicts), the same file edited far apart (overlaps
 * that merge), and files the base changes after the threads started (conflicts with the base).
 */
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createLargeRepo, git, type TempDirs, type TestRepo } from '../../test/support/git-repo';

/**
 * The figures: a 20,000-file repository with 20 live threads. SKEIN_BENCH_RADAR_FILES
 * scales the repository down (at least 2,000: each thread works in its own 100-file folder).
 */
export const RADAR_REPO_FILES = Math.max(
  2_000,
  Number(process.env.SKEIN_BENCH_RADAR_FILES ?? 20_000) || 20_000,
);
export const RADAR_THREADS = 20;
/** Shared files are long enough that edits 20 lines apart merge cleanly. */
const SHARED_FILES = 8;
const SHARED_LINES = 60;
/** Files each thread edits that no other thread touches: uncommitted edits, plus a commit on its branch for every third thread. */
const OWN_EDITED = 5;
const OWN_COMMITTED = 2;
/** createLargeRepo puts 100 files in a folder; thread i works in module-i. */
const OWN_MODULE_OFFSET = 0;

/** Thread indexes the bench's phases use. */
export const FLIP_FIXED = 18;
/** Its save toggles a pair with FLIP_FIXED between conflicting and clean (goal c). */
export const FLIP_SAVER = 19;
/** Threads whose one-file change goal (b) times, in turn. */
export const UPDATE_THREADS = [14, 15, 16, 17, 10];

interface SharedEdit {
  thread: number;
  file: number;
  line: number;
}

/**
 * Uncommitted edits of shared files. Same file and line in two threads: a conflict; same file,
 * lines far apart: an overlap that merges.
 */
const SHARED_EDITS: SharedEdit[] = [
  // Conflicts between threads: 0-1, and 2-3, 2-4, 3-4.
  { thread: 0, file: 0, line: 10 },
  { thread: 1, file: 0, line: 10 },
  { thread: 2, file: 1, line: 10 },
  { thread: 3, file: 1, line: 10 },
  { thread: 4, file: 1, line: 10 },
  // Overlaps without conflict: 5-6, 7-8, 7-9, 8-9, 0-10.
  { thread: 5, file: 2, line: 5 },
  { thread: 6, file: 2, line: 40 },
  { thread: 7, file: 3, line: 5 },
  { thread: 8, file: 3, line: 25 },
  { thread: 9, file: 3, line: 45 },
  { thread: 0, file: 4, line: 30 },
  { thread: 10, file: 4, line: 50 },
  // Against the base (see BASE_EDITS): 11 conflicts with it, 12 overlaps it (and 11).
  { thread: 11, file: 5, line: 10 },
  { thread: 12, file: 5, line: 40 },
  // The pair goal (c) flips; FLIP_SAVER starts on the conflicting side.
  { thread: FLIP_FIXED, file: 6, line: 10 },
  { thread: FLIP_SAVER, file: 6, line: 10 },
];
/** Committed on the thread's branch: 13's commit conflicts with the base. */
const SHARED_COMMITS: SharedEdit[] = [{ thread: 13, file: 7, line: 10 }];
/** What the base commits after the threads started. */
const BASE_EDITS: Array<Omit<SharedEdit, 'thread'>> = [
  { file: 5, line: 10 },
  { file: 7, line: 10 },
];

export function sharedPath(file: number): string {
  return join('src', 'shared', `shared-${file}.ts`);
}

function sharedLine(file: number, line: number): string {
  return `export const shared${file}_${line} = ${line};`;
}

function sharedContent(file: number): string {
  return Array.from({ length: SHARED_LINES }, (_, i) => `${sharedLine(file, i + 1)}\n`).join('');
}

/** Path of the i-th file of `createLargeRepo`. */
function largeRepoFile(index: number): string {
  return join('src', `module-${Math.floor(index / 100)}`, `file-${index}.ts`);
}

/** The j-th file only thread `thread` touches. */
export function ownPath(thread: number, j: number): string {
  return largeRepoFile((OWN_MODULE_OFFSET + thread) * 100 + j);
}

/** Replaces one line (1-based) of a file in a worktree. */
export function replaceLine(worktree: string, path: string, line: number, text: string): void {
  const file = join(worktree, path);
  const lines = readFileSync(file, 'utf8').split('\n');
  lines[line - 1] = text;
  writeFileSync(file, lines.join('\n'));
}

/** The shared line as the base has it: FLIP_SAVER writes it back to make its pair clean. */
export function originalSharedLine(file: number, line: number): string {
  return sharedLine(file, line);
}

export function editedSharedLine(file: number, line: number, who: string): string {
  return `export const shared${file}_${line} = '${who}';`;
}

/** The repository: createLargeRepo's files plus a commit of the shared files. */
export function createRadarRepo(dirs: TempDirs): TestRepo {
  const repo = createLargeRepo(dirs, RADAR_REPO_FILES);
  const files: Record<string, string> = {};
  for (let file = 0; file < SHARED_FILES; file += 1) files[sharedPath(file)] = sharedContent(file);
  repo.commit('Shared files', files);
  return repo;
}

/** The work of thread `index` in its worktree: commits first (every third thread, and 13), then uncommitted and untracked files. */
export function applyThreadWork(worktree: string, index: number): void {
  const commits = SHARED_COMMITS.filter((edit) => edit.thread === index);
  if (index % 3 === 0 || commits.length > 0) {
    for (let j = OWN_EDITED; j < OWN_EDITED + OWN_COMMITTED; j += 1) {
      appendFileSync(join(worktree, ownPath(index, j)), `// committed by thread ${index}\n`);
    }
    for (const edit of commits) {
      replaceLine(
        worktree,
        sharedPath(edit.file),
        edit.line,
        editedSharedLine(edit.file, edit.line, `thread ${index}`),
      );
    }
    git(worktree, ['add', '--all']);
    git(worktree, ['commit', '--quiet', '-m', `Thread ${index} work`]);
  }
  for (let j = 0; j < OWN_EDITED; j += 1) {
    appendFileSync(join(worktree, ownPath(index, j)), `// edited by thread ${index}\n`);
  }
  for (const edit of SHARED_EDITS.filter((candidate) => candidate.thread === index)) {
    replaceLine(
      worktree,
      sharedPath(edit.file),
      edit.line,
      editedSharedLine(edit.file, edit.line, `thread ${index}`),
    );
  }
  const notes = join(worktree, 'src', `thread-${index}`, 'notes.ts');
  mkdirSync(dirname(notes), { recursive: true });
  writeFileSync(notes, `// untracked notes of thread ${index}\n`);
}

/** The base moves on after the threads started: commits on `main` in the repository's own checkout. */
export function advanceBase(repo: TestRepo): void {
  for (const edit of BASE_EDITS) {
    replaceLine(repo.path, sharedPath(edit.file), edit.line, editedSharedLine(edit.file, edit.line, 'base'));
  }
  repo.commit('Base moves on');
}

/** FLIP_SAVER's save for goal (c): the shared line in conflict with FLIP_FIXED or as the base has it, plus a line that makes each save's tree new. */
export function flipSave(worktree: string, conflict: boolean, save: number): void {
  const edit = SHARED_EDITS.find((candidate) => candidate.thread === FLIP_SAVER);
  if (!edit) throw new Error('FLIP_SAVER has no shared edit');
  const text = conflict
    ? editedSharedLine(edit.file, edit.line, `thread ${FLIP_SAVER} save ${save}`)
    : originalSharedLine(edit.file, edit.line);
  replaceLine(worktree, sharedPath(edit.file), edit.line, text);
  appendFileSync(join(worktree, ownPath(FLIP_SAVER, 0)), `// save ${save}\n`);
}
