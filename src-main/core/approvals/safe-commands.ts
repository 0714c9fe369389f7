import { parseCommand } from './command-words';

/**
 * Commands that only read, after Codex's `is_known_safe_command`: they run unasked even under the
 * `untrusted` policy. Anything with a flag that writes or runs other programs is left out.
 */
const SAFE_PROGRAMS = new Set([
  'cat',
  'cd',
  'echo',
  'false',
  'grep',
  'head',
  'ls',
  'nl',
  'pwd',
  'tail',
  'true',
  'wc',
  'which',
  'stat',
  'file',
  'tree',
  'du',
  'df',
  'basename',
  'dirname',
  'realpath',
  'readlink',
  'sort',
  'uniq',
  'cut',
  'tr',
  'diff',
  'cmp',
  'whoami',
  'date',
  'env',
  'printenv',
  'uname',
  'id',
]);

const SAFE_GIT_SUBCOMMANDS = new Set([
  'status',
  'log',
  'diff',
  'show',
  'branch',
  'rev-parse',
  'ls-files',
  'grep',
  'blame',
]);

/** `find` options that delete, write or run commands. */
const UNSAFE_FIND_OPTIONS = new Set([
  '-exec',
  '-execdir',
  '-ok',
  '-okdir',
  '-delete',
  '-fls',
  '-fprint',
  '-fprint0',
  '-fprintf',
]);
/** `rg` options that run a preprocessor or follow into archives. */
const UNSAFE_RG_OPTIONS = ['--pre', '--hostname-bin', '--search-zip', '-z'];

function isSafeSegment(words: readonly string[]): boolean {
  const [program, ...args] = words;
  if (program === undefined) return true;
  if (SAFE_PROGRAMS.has(program)) {
    // `sort -o file` and `env cmd` write or run something.
    if (program === 'sort' && args.some((arg) => arg === '-o' || arg.startsWith('--output'))) return false;
    if (program === 'env' || program === 'printenv') return args.length === 0 || program === 'printenv';
    return true;
  }
  switch (program) {
    case 'find':
      return !args.some((arg) => UNSAFE_FIND_OPTIONS.has(arg));
    case 'rg':
      return !args.some((arg) =>
        UNSAFE_RG_OPTIONS.some((option) => arg === option || arg.startsWith(`${option}=`)),
      );
    case 'sed':
      // Only `sed -n <range>p [file]`: printing lines, as models do to read a file.
      return args[0] === '-n' && args.length <= 3 && /^\d+(,\d+)?p$/.test(args[1] ?? '');
    case 'git': {
      const sub = args.find((arg) => !arg.startsWith('-'));
      if (sub === 'branch')
        return args.every(
          (arg) => arg === 'branch' || ['-a', '-r', '-v', '-vv', '--list', '--show-current'].includes(arg),
        );
      return sub !== undefined && SAFE_GIT_SUBCOMMANDS.has(sub) && !args.includes('--output');
    }
    default:
      return false;
  }
}

export function isKnownSafeCommand(command: string): boolean {
  const parsed = parseCommand(command);
  if (parsed.opaque || parsed.segments.length === 0) return false;
  return parsed.segments.every(isSafeSegment);
}
