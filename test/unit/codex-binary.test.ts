import { describe, expect, it } from 'vitest';
import {
  assertSupportedVersion,
  compareVersions,
  MIN_CODEX_VERSION,
  parseCodexVersion,
  parseLoginShellPath,
} from '../../src-main/core/agents/backends/codex/codex-binary';
import { configArgs, tomlString } from '../../src-main/core/agents/backends/codex/codex-process';

describe('finding and checking codex', () => {
  it('reads the version codex prints', () => {
    expect(parseCodexVersion('codex-cli 0.169.0\n')).toBe('0.169.0');
    expect(parseCodexVersion('codex-cli 0.170.0-alpha.3')).toBe('0.170.0-alpha.3');
    expect(parseCodexVersion('command not found')).toBeNull();
  });

  it('compares versions by number, not text', () => {
    expect(compareVersions('0.169.0', '0.99.9')).toBe(1);
    expect(compareVersions('0.169.0', '0.169.0')).toBe(0);
    expect(compareVersions('1.0.0', '0.999.0')).toBe(1);
    expect(compareVersions('0.168.2', MIN_CODEX_VERSION)).toBe(-1);
  });

  it('refuses a codex older than the minimum with a way to update', () => {
    expect(() => assertSupportedVersion({ path: '/usr/bin/codex', version: '0.150.0' })).toThrow(
      /Codex 0\.150\.0 at \/usr\/bin\/codex is too old; Skein needs 0\.169\.0 or newer\. Update it with/,
    );
    expect(() => assertSupportedVersion({ path: '/usr/bin/codex', version: '0.200.1' })).not.toThrow();
  });

  it('finds the PATH among whatever a login profile prints', () => {
    const noisy = 'Welcome!\n__SKEIN_LOGIN_PATH__/home/u/.npm/bin:/usr/bin__SKEIN_LOGIN_PATH__motd\n';
    expect(parseLoginShellPath(noisy)).toBe('/home/u/.npm/bin:/usr/bin');
    expect(parseLoginShellPath('no markers')).toBeNull();
  });

  it('passes provider settings as -c overrides with TOML strings', () => {
    expect(
      configArgs({
        model_provider: tomlString('my "proxy"'),
        'model_providers.p.base_url': tomlString('http://x/v1'),
      }),
    ).toEqual(['-c', 'model_provider="my \\"proxy\\""', '-c', 'model_providers.p.base_url="http://x/v1"']);
  });
});
