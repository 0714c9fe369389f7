import fc from 'fast-check';
import { join } from 'node:path';
import type { z } from 'zod';
import type { MethodName } from '../../../src-shared/contract';
import { boundsOf, zodDef, type FieldOverride, type WalkOptions } from './zod-arbitrary';

/**
 * What a fuzz run aims at: a temporary world (data dir, HOME, a git repository registered as a project,
 * threads, a terminal). Every path and command a generated message carries points into `root`, so
 * dangerous methods (delete, merge, revert, shell) can only ever touch these fixtures.
 */
export interface FuzzWorld {
  /** Everything the run may touch lives below this folder. */
  root: string;
  home: string;
  repo: string;
  projectIds: string[];
  /** Threads any method may act on. */
  threadIds: string[];
  /** Threads only destructive methods aim at, so the others keep something to work on. */
  victimThreadIds: string[];
  terminalIds: string[];
}

/** Files whose existence after a run proves an injected command or option ran (see `injectionStrings`). */
export const PWNED_PREFIX = 'pwned-';

/** Strings that would do something if a handler passed them to a shell or as a git option unguarded. */
export function injectionStrings(root: string): string[] {
  const marker = (name: string) => join(root, `${PWNED_PREFIX}${name}`);
  return [
    `--output=${marker('output')}`,
    `--upload-pack=touch ${marker('upload')}`,
    `--receive-pack=touch ${marker('receive')}`,
    `--exec=touch ${marker('exec')}`,
    `$(touch ${marker('subst')})`,
    `;touch ${marker('semi')}`,
    `\`touch ${marker('tick')}\``,
    `-c core.pager=touch ${marker('pager')}`,
    '--help',
    '-h',
    'HEAD~99999',
    '@{-1}',
    'refs/heads/../../x',
  ];
}

/** Characters that break naive code: NUL, lone surrogates, bidi overrides, line separators, path syntax. */
const NASTY_UNITS = [
  '\0',
  '\uD800',
  '\uDFFF',
  '\u202E',
  '\uFEFF',
  '\u2028',
  '\r',
  '\t',
  '..',
  '/',
  '\\',
  '%00',
  '~',
  '*',
  '"',
  "'",
  '\u00e9',
  '\u{1F600}',
];

export function freeStringArbitrary(root: string): WalkOptions['freeString'] {
  const injections = injectionStrings(root);
  const unit = fc.oneof(
    { weight: 6, arbitrary: fc.string({ minLength: 1, maxLength: 1, unit: 'grapheme' }) },
    { weight: 2, arbitrary: fc.constantFrom(...NASTY_UNITS) },
    { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }) },
  );
  return (minLength, maxLength) =>
    fc
      .oneof(
        { weight: 6, arbitrary: fc.string({ unit, minLength, maxLength }) },
        { weight: 1, arbitrary: fc.constantFrom(...injections) },
        { weight: 1, arbitrary: fc.constantFrom('fuzz', 'main', 'HEAD', 'origin', 'README.md', ' ', '') },
      )
      .filter((text) => text.length >= minLength && text.length <= maxLength);
}

/** Paths: files of the repository, traversal, absolute paths under the root, names with NUL or huge. */
function pathArbitrary(world: FuzzWorld): fc.Arbitrary<string> {
  const segment = fc.stringMatching(/^[A-Za-z0-9._ -]{1,12}$/);
  return fc.oneof(
    fc.constantFrom('README.md', 'src/app.ts', 'src', '.', './README.md', 'missing.txt', '.git/config'),
    fc
      .array(fc.oneof(segment, fc.constant('..')), { minLength: 1, maxLength: 6 })
      .map((parts) => parts.join('/')),
    fc.constantFrom(
      world.repo,
      world.root,
      world.home,
      join(world.root, 'nope'),
      join(world.home, '.agents'),
    ),
    fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => join(world.root, ...parts)),
    fc.constantFrom(
      'a\0b',
      'README.md\0.png',
      `${'x'.repeat(300)}.txt`,
      `${'d/'.repeat(100)}f`,
      '~',
      '~/x',
      'a\\..\\..\\b',
      '%2e%2e/x',
    ),
  );
}

/** Commands and executables: harmless programs only (the fuzz host runs what these name). */
function commandArbitrary(world: FuzzWorld): fc.Arbitrary<string> {
  return fc.constantFrom('true', 'false', '/bin/true', join(world.root, 'no-such-program'));
}

/** Ids: mostly the fixtures' (so handlers go past the lookup), sometimes random, sometimes nasty. */
function idArbitrary(known: string[], knownWeight: number): fc.Arbitrary<string> {
  const random = fc.oneof(
    fc.uuid(),
    fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/),
    fc.constantFrom('__proto__', 'constructor', '1 OR 1=1', "x'; DROP TABLE threads; --", '%', '\0'),
  );
  if (known.length === 0) return random;
  return fc.oneof(
    { weight: knownWeight, arbitrary: fc.constantFrom(...known) },
    { weight: 10 - knownWeight, arbitrary: random },
  );
}

/**
 * Methods that do slow or far-reaching work with a known id (start turns or worktrees, spawn programs,
 * clone, push): they run too, less often and mostly on unknown ids, so a run stays fast.
 */
export const HEAVY_METHODS: ReadonlySet<MethodName> = new Set<MethodName>([
  'thread/start',
  'turn/start',
  'turn/continue',
  'turn/steer',
  'attempt/start',
  'attempt/check',
  'manager/start',
  'manager/runGate',
  'reviewAgent/run',
  'check/run',
  'rebase/start',
  'rebase/askAgent',
  'review/send',
  'review/proposeMessage',
  'mcp/test',
  'mcp/restart',
  'skills/importPreview',
  'terminal/open',
  'terminal/restart',
  'cliAgents/start',
  'thread/publish',
  'thread/merge',
  'conflicts/refresh',
  'conflicts/simulate',
  'agent/models',
  'thread/setBackend',
]);

/** Methods that destroy what they are given: they aim at the victim threads only. */
export const DESTRUCTIVE_METHODS: ReadonlySet<MethodName> = new Set<MethodName>([
  'thread/delete',
  'thread/archive',
  'thread/merge',
  'project/remove',
  'terminal/close',
  'terminal/kill',
  'thread/setBackend',
]);

/** Field overrides for a method: ids from the world, paths confined to the root, harmless commands. */
export function worldOverrides(world: FuzzWorld, method: MethodName): FieldOverride {
  const heavy = HEAVY_METHODS.has(method);
  const destructive = DESTRUCTIVE_METHODS.has(method);
  const knownWeight = heavy ? 2 : 6;
  const threads = destructive ? world.victimThreadIds : world.threadIds;
  const paths = pathArbitrary(world);
  const commands = commandArbitrary(world);
  return (key: string, schema: z.ZodType) => {
    // Only plain strings: wrappers (optional, nullable) are walked first and reach here with their inner string.
    if (zodDef(schema).type !== 'string') return undefined;
    const bounds = boundsOf(schema);
    if (bounds.pattern || bounds.format) return undefined;
    if (key === 'projectId') return idArbitrary(destructive ? [] : world.projectIds, knownWeight);
    if (/^(threadId|fromThreadId|toThreadId|a|b|order)$/.test(key)) return idArbitrary(threads, knownWeight);
    if (key === 'terminalId') return idArbitrary(world.terminalIds, knownWeight);
    if (/Id$|^id$/.test(key)) return idArbitrary([], 0);
    if (/^(path|paths|oldPath|cwd|source|folderName|file)$/.test(key)) return paths;
    if (/^(command|executable|setupCommand|checkCommand)$/.test(key)) return commands;
    if (key === 'remote') return fc.constantFrom('origin', 'nope', join(world.root, 'remote.git'));
    return undefined;
  };
}
