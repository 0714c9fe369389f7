import { lstat, realpath } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Credentials under HOME that a sandboxed command must not read: folders are covered with an
 * empty read-only tmpfs, files with /dev/null. The list follows what agent sandboxes commonly hide
 * (SSH, cloud CLIs, GPG, package-registry tokens, git credential stores) and is documented in
 * docs/decisions/0003-sandbox.md; add to it there and here together.
 */
export const HOME_SECRET_PATHS: readonly string[] = [
  '.ssh',
  '.gnupg',
  '.aws',
  '.azure',
  '.config/gcloud',
  '.config/gh',
  '.config/hub',
  '.config/op',
  '.kube',
  '.docker',
  '.password-store',
  '.local/share/keyrings',
  '.netrc',
  '.git-credentials',
  '.config/git/credentials',
  '.npmrc',
  '.yarnrc.yml',
  '.pypirc',
  '.gem/credentials',
  '.cargo/credentials',
  '.cargo/credentials.toml',
  '.terraform.d/credentials.tfrc.json',
];

/**
 * Sockets that hand out more power than the sandbox grants: a container daemon is root on the
 * host, and the per-user runtime folder holds the ssh-agent, gpg-agent and session bus sockets.
 * A network namespace does not block Unix sockets on the filesystem, so they are hidden too.
 */
export function systemSecretPaths(uid: number | undefined): string[] {
  const paths = [
    '/run/docker.sock',
    '/var/run/docker.sock',
    '/run/containerd/containerd.sock',
    '/run/podman/podman.sock',
  ];
  if (uid !== undefined) paths.push(`/run/user/${uid}`);
  return paths;
}

export interface HiddenPath {
  path: string;
  isDirectory: boolean;
}

/** The secret paths that exist here, resolved through symlinks (a mount covers the real file). */
export async function existingHiddenPaths(
  home: string | undefined,
  extra: readonly string[],
  uid: number | undefined,
): Promise<HiddenPath[]> {
  const candidates = [
    ...(home ? HOME_SECRET_PATHS.map((relative) => join(home, relative)) : []),
    ...systemSecretPaths(uid),
    ...extra,
  ];
  const found = new Map<string, HiddenPath>();
  for (const candidate of candidates) {
    try {
      await lstat(candidate);
      const real = await realpath(candidate);
      const stats = await lstat(real);
      found.set(real, { path: real, isDirectory: stats.isDirectory() });
    } catch {
      // Absent (or a dangling link): nothing to hide.
    }
  }
  return [...found.values()];
}
