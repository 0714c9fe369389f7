import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Skein E2E',
  GIT_AUTHOR_EMAIL: 'e2e@skein.invalid',
  GIT_COMMITTER_NAME: 'Skein E2E',
  GIT_COMMITTER_EMAIL: 'e2e@skein.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
};

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8' });
}

/** A real repository with one commit on `main`, at `<parent>/<name>`. */
export function makeRepo(parent: string, name: string): string {
  const dir = join(parent, name);
  mkdirSync(dir, { recursive: true });
  git(dir, 'init', '--quiet', '--initial-branch=main');
  writeFileSync(join(dir, 'README.md'), `# ${name}\n`);
  git(dir, 'add', 'README.md');
  git(dir, 'commit', '--quiet', '-m', 'Initial commit');
  return dir;
}
