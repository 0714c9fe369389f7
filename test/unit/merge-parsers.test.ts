import { describe, expect, it } from 'vitest';
import {
  parseCommitObject,
  parseConfigLines,
  parseMergeTree,
  parseNameStatus,
  parseRemotes,
  resolveIdentity,
} from '../../src-main/core/git';
import { defaultMergeMessage, defaultSquashMessage } from '../../src-main/core/merge';

const TREE = 'f2f5150f26b087d48ede7bcb6f6de6d2c150e632';

describe('git output parsers for merging', () => {
  it('parseMergeTree: a clean merge, and conflicts listed once each', () => {
    expect(parseMergeTree(`${TREE}\n`)).toEqual({ tree: TREE, conflicts: [] });
    expect(parseMergeTree(`${TREE}\0a.ts\0a.ts\0dir/b c.ts\0`)).toEqual({
      tree: TREE,
      conflicts: ['a.ts', 'dir/b c.ts'],
    });
  });

  it('parseNameStatus', () => {
    expect(parseNameStatus('A\0new.ts\0D\0gone\0M\0dir/x.ts\0')).toEqual([
      { status: 'A', path: 'new.ts' },
      { status: 'D', path: 'gone' },
      { status: 'M', path: 'dir/x.ts' },
    ]);
  });

  it('parseRemotes: one entry per remote with its fetch URL', () => {
    expect(
      parseRemotes(
        'origin\thttps://github.com/a/b.git (fetch)\norigin\tgit@github.com:a/b.git (push)\nfork\t/srv/fork.git (fetch)\nfork\t/srv/fork.git (push)\n',
      ),
    ).toEqual([
      { name: 'origin', url: 'https://github.com/a/b.git' },
      { name: 'fork', url: '/srv/fork.git' },
    ]);
  });

  it('parseCommitObject: parents, people with dates, a signature skipped, the message verbatim', () => {
    const raw = [
      `tree ${TREE}`,
      'parent 1111111111111111111111111111111111111111',
      'author Ada Lovelace <ada@example.com> 1700000000 +0100',
      'committer Bob <bob@example.com> 1700000100 -0500',
      'gpgsig -----BEGIN PGP SIGNATURE-----',
      ' abc',
      ' -----END PGP SIGNATURE-----',
      '',
      'Subject line',
      '',
      'Body\n',
    ].join('\n');
    expect(parseCommitObject(raw)).toEqual({
      tree: TREE,
      parents: ['1111111111111111111111111111111111111111'],
      author: { name: 'Ada Lovelace', email: 'ada@example.com', date: '1700000000 +0100' },
      committer: { name: 'Bob', email: 'bob@example.com', date: '1700000100 -0500' },
      message: 'Subject line\n\nBody\n',
    });
  });
});

describe('commit identity', () => {
  it('follows git precedence: variables, then author./committer., then user.', () => {
    const config = parseConfigLines('user.name Global Name\nuser.email g@example.com\nuser.name Repo Name\n');
    expect(resolveIdentity({}, config)).toEqual({
      authorName: 'Repo Name',
      authorEmail: 'g@example.com',
      committerName: 'Repo Name',
      committerEmail: 'g@example.com',
    });
    expect(
      resolveIdentity({ GIT_AUTHOR_NAME: 'Env' }, { ...config, 'committer.email': 'c@example.com' }),
    ).toMatchObject({ authorName: 'Env', committerName: 'Repo Name', committerEmail: 'c@example.com' });
  });

  it('is null when any part is missing, never guessed', () => {
    expect(resolveIdentity({}, {})).toBeNull();
    expect(resolveIdentity({}, { 'user.name': 'Only Name' })).toBeNull();
    expect(resolveIdentity({ GIT_AUTHOR_NAME: ' ', GIT_AUTHOR_EMAIL: 'a@b' }, {})).toBeNull();
  });
});

describe('default messages', () => {
  it('a merge names the branch, the base and the thread', () => {
    expect(defaultMergeMessage({ title: 'Fix login', branch: 'skein/fix-login', base: 'main' })).toBe(
      "Merge branch 'skein/fix-login' into main\n\nFix login\n",
    );
  });

  it('a squash lists the commits, the newest ones when there are many', () => {
    expect(defaultSquashMessage({ title: 'Fix login', subjects: ['One', 'Two'], total: 2 })).toBe(
      'Fix login\n\n* One\n* Two\n',
    );
    const many = defaultSquashMessage({
      title: 'Big',
      subjects: Array.from({ length: 50 }, (_, i) => `c${i + 10}`),
      total: 60,
    });
    expect(many.split('\n')[2]).toBe('* … 10 earlier commit(s)');
    expect(many.trim().split('\n').at(-1)).toBe('* c59');
  });
});
