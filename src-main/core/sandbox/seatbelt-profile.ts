/**
 * A macOS Seatbelt (sandbox-exec) profile equivalent to the bubblewrap one: deny by default, read
 * everything but the hidden paths, write only the writable roots (minus their read-only subpaths),
 * network only when granted. Paths travel as `-D` parameters, never spliced into the profile, so
 * a folder name cannot inject rules. Modeled on Codex's seatbelt_base_policy.sbpl.
 */
export interface SeatbeltPolicy {
  writableRoots: ReadonlyArray<{ root: string; readOnly: readonly string[] }>;
  hidden: readonly string[];
  network: boolean;
}

export interface SeatbeltProfile {
  profile: string;
  params: Record<string, string>;
}

const BASE_POLICY = `(version 1)
(deny default)
; Children inherit the policy; they may signal and inspect only each other.
(allow process-exec)
(allow process-fork)
(allow signal (target same-sandbox))
(allow process-info* (target same-sandbox))
(allow user-preference-read)
(allow mach-host*)
(allow sysctl-read)
(allow ipc-posix-sem)
(allow ipc-posix-shm)
(allow mach-lookup (global-name "com.apple.system.opendirectoryd.libinfo"))
(allow mach-lookup (global-name "com.apple.PowerManagement.control"))
(allow file-write-data (require-all (path "/dev/null") (vnode-type CHARACTER-DEVICE)))
(allow pseudo-tty)
(allow file-read* file-write* file-ioctl (literal "/dev/ptmx"))
(allow file-write-data file-ioctl (regex #"^/dev/ttys[0-9]+"))`;

const NETWORK_POLICY = `; Network granted for this command.
(allow network-outbound)
(allow network-inbound)
(allow system-socket)
(allow mach-lookup (global-name "com.apple.dnssd.service"))
(allow mach-lookup (global-name "com.apple.SystemConfiguration.configd"))
(allow mach-lookup (global-name "com.apple.trustd.agent"))`;

export function seatbeltProfile(policy: SeatbeltPolicy): SeatbeltProfile {
  const params: Record<string, string> = {};
  const hiddenNames = policy.hidden.map((path, index) => {
    const name = `HIDDEN_${index}`;
    params[name] = path;
    return name;
  });
  const readRule =
    hiddenNames.length === 0
      ? '(allow file-read*)'
      : `(allow file-read*\n  (require-all\n${hiddenNames.map((name) => `    (require-not (subpath (param "${name}")))`).join('\n')}))`;

  const writeRules = policy.writableRoots.map(({ root, readOnly }, rootIndex) => {
    const rootName = `WRITABLE_ROOT_${rootIndex}`;
    params[rootName] = root;
    const exclusions = readOnly.map((path, index) => {
      const name = `${rootName}_RO_${index}`;
      params[name] = path;
      return `\n    (require-not (subpath (param "${name}")))`;
    });
    return `(allow file-write*\n  (require-all\n    (subpath (param "${rootName}"))${exclusions.join('')}))`;
  });

  const sections = [BASE_POLICY, '; Reads: everything except hidden secrets.', readRule];
  if (writeRules.length > 0)
    sections.push('; Writes: the writable roots, minus their git metadata.', ...writeRules);
  if (policy.network) sections.push(NETWORK_POLICY);
  return { profile: `${sections.join('\n')}\n`, params };
}

/** `sandbox-exec` arguments: the profile, its parameters, then the command. */
export function seatbeltArgs(profile: SeatbeltProfile, argv: readonly string[]): string[] {
  const defines = Object.entries(profile.params).flatMap(([name, value]) => ['-D', `${name}=${value}`]);
  return ['-p', profile.profile, ...defines, '--', ...argv];
}
