/**
 * Variables a parent git process (a hook, `git rebase --exec`, a terminal inside a worktree)
 * may leave behind. Inherited, they would silently point our commands at another repository or index.
 */
const INHERITED_GIT_VARIABLES = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_COMMON_DIR',
  'GIT_PREFIX',
  'GIT_NAMESPACE',
  'GIT_QUARANTINE_PATH',
  'GIT_CONFIG_PARAMETERS',
  'GIT_CONFIG_COUNT',
];

/** The environment every git subprocess runs with: the host's, minus repository overrides, plus ours. */
export function gitEnvironment(
  base: NodeJS.ProcessEnv,
  extra: Record<string, string> = {},
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) {
    if (value === undefined) continue;
    if (INHERITED_GIT_VARIABLES.includes(key) || /^GIT_CONFIG_(KEY|VALUE)_\d+$/.test(key)) continue;
    env[key] = value;
  }
  // Stable, parseable messages whatever the user's locale; never hang waiting for a password.
  env.LC_ALL = 'C';
  env.GIT_TERMINAL_PROMPT = '0';
  return { ...env, ...extra };
}
