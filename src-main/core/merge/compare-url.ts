/** A remote URL's host and repository path, from https, ssh:// and scp-like (`git@host:owner/repo`) forms. */
export function parseRemoteUrl(url: string): { host: string; webHost: string; path: string } | null {
  const trimmed = url.trim();
  const full = /^([a-z+]+):\/\/(?:[^@/]+@)?([^/:]+)(?::(\d+))?\/(.+)$/i.exec(trimmed);
  const scp = full ? null : /^(?:[^@/]+@)?([^:/]+):(?!\/)(.+)$/.exec(trimmed);
  let host: string;
  let webHost: string;
  let path: string;
  if (full) {
    const [, scheme = '', name = '', port, rest = ''] = full;
    host = name.toLowerCase();
    // A port on an https URL is the web server's; on ssh it is the ssh daemon's, not a web page's.
    webHost = port && /^https?$/i.test(scheme) ? `${host}:${port}` : host;
    path = rest;
  } else if (scp) {
    host = (scp[1] ?? '').toLowerCase();
    webHost = host;
    path = scp[2] ?? '';
  } else {
    return null;
  }
  path = path.replace(/\/+$/, '').replace(/\.git$/, '');
  if (host === '' || path === '' || path.split('/').includes('..')) return null;
  return { host, webHost, path };
}

function encodeBranch(branch: string): string {
  return branch.split('/').map(encodeURIComponent).join('/');
}

/**
 * The web page that starts a pull (or merge) request from `branch` into `base`, for GitHub, GitLab
 * (gitlab.com and self-hosted hosts named gitlab) and Bitbucket remotes; null for anything else.
 */
export function compareUrl(remoteUrl: string, base: string, branch: string): string | null {
  const remote = parseRemoteUrl(remoteUrl);
  if (!remote) return null;
  const { host, webHost, path } = remote;
  if (host === 'github.com' || host === 'ssh.github.com') {
    return `https://github.com/${path}/compare/${encodeBranch(base)}...${encodeBranch(branch)}?expand=1`;
  }
  if (host === 'bitbucket.org') {
    return `https://bitbucket.org/${path}/pull-requests/new?source=${encodeURIComponent(branch)}&dest=${encodeURIComponent(base)}`;
  }
  if (host.split('.').some((label) => label === 'gitlab')) {
    return `https://${webHost}/${path}/-/merge_requests/new?merge_request%5Bsource_branch%5D=${encodeURIComponent(branch)}&merge_request%5Btarget_branch%5D=${encodeURIComponent(base)}`;
  }
  return null;
}
