import { describe, expect, it } from 'vitest';
import { compareUrl, parseRemoteUrl, pullRequestBody } from '../../src-main/core/merge';

describe('compareUrl', () => {
  it.each([
    [
      'https://github.com/acme/app.git',
      'https://github.com/acme/app/compare/main...skein/fix-login?expand=1',
    ],
    [
      'https://user:token@github.com/acme/app',
      'https://github.com/acme/app/compare/main...skein/fix-login?expand=1',
    ],
    ['git@github.com:acme/app.git', 'https://github.com/acme/app/compare/main...skein/fix-login?expand=1'],
    [
      'ssh://git@github.com/acme/app.git',
      'https://github.com/acme/app/compare/main...skein/fix-login?expand=1',
    ],
    [
      'git@gitlab.com:group/sub/app.git',
      'https://gitlab.com/group/sub/app/-/merge_requests/new?merge_request%5Bsource_branch%5D=skein%2Ffix-login&merge_request%5Btarget_branch%5D=main',
    ],
    [
      'ssh://git@gitlab.example.com:2222/team/app.git',
      'https://gitlab.example.com/team/app/-/merge_requests/new?merge_request%5Bsource_branch%5D=skein%2Ffix-login&merge_request%5Btarget_branch%5D=main',
    ],
    [
      'https://gitlab.example.com:8443/team/app',
      'https://gitlab.example.com:8443/team/app/-/merge_requests/new?merge_request%5Bsource_branch%5D=skein%2Ffix-login&merge_request%5Btarget_branch%5D=main',
    ],
    [
      'https://bitbucket.org/acme/app.git',
      'https://bitbucket.org/acme/app/pull-requests/new?source=skein%2Ffix-login&dest=main',
    ],
    [
      'git@bitbucket.org:acme/app.git',
      'https://bitbucket.org/acme/app/pull-requests/new?source=skein%2Ffix-login&dest=main',
    ],
  ])('%s', (remote, expected) => {
    expect(compareUrl(remote, 'main', 'skein/fix-login')).toBe(expected);
  });

  it('is null for hosts it does not know and for local remotes', () => {
    expect(compareUrl('https://git.example.com/acme/app.git', 'main', 'x')).toBeNull();
    expect(compareUrl('/srv/git/app.git', 'main', 'x')).toBeNull();
    expect(compareUrl('file:///srv/git/app.git', 'main', 'x')).toBeNull();
    expect(compareUrl('../app.git', 'main', 'x')).toBeNull();
  });

  it('encodes branch names that need it', () => {
    expect(compareUrl('git@github.com:acme/app.git', 'release/1.0', 'skein/a#b')).toBe(
      'https://github.com/acme/app/compare/release/1.0...skein/a%23b?expand=1',
    );
  });

  it('parses remote forms into host and path', () => {
    expect(parseRemoteUrl('git@github.com:acme/app.git/')).toEqual({
      host: 'github.com',
      webHost: 'github.com',
      path: 'acme/app',
    });
  });
});

describe('pullRequestBody', () => {
  it('lists the requests (first line, shortened) and the diff stat', () => {
    const body = pullRequestBody({
      requests: ['Fix the login\nwith details below', `${'x'.repeat(300)}`, '   '],
      diffStat: ' src/login.ts | 4 ++--\n 1 file changed, 2 insertions(+), 2 deletions(-)\n',
    });
    expect(body).toBe(
      [
        '## Requests',
        '',
        '- Fix the login',
        `- ${'x'.repeat(199)}…`,
        '',
        '## Changed files',
        '',
        '```',
        ' src/login.ts | 4 ++--',
        ' 1 file changed, 2 insertions(+), 2 deletions(-)',
        '```',
      ].join('\n'),
    );
  });

  it('caps the request list and is empty without anything to say', () => {
    const body = pullRequestBody({
      requests: Array.from({ length: 25 }, (_, i) => `ask ${i}`),
      diffStat: '',
    });
    expect(body.split('\n').filter((line) => line.startsWith('- '))).toHaveLength(21);
    expect(body).toContain('- … and 5 more');
    expect(pullRequestBody({ requests: [], diffStat: '' })).toBe('');
  });
});
