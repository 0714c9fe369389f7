import { describe, expect, it } from 'vitest';
import { resolveDataDir } from '../../src-main/host/data-dir';

const base = { homeDir: '/home/ada', cwd: '/work', env: {} };

describe('data folder', () => {
  it('uses the folder Electron gives an app named Skein on each platform', () => {
    expect(resolveDataDir({ ...base, platform: 'linux' })).toBe('/home/ada/.config/Skein');
    expect(resolveDataDir({ ...base, platform: 'linux', env: { XDG_CONFIG_HOME: '/xdg' } })).toBe(
      '/xdg/Skein',
    );
    expect(resolveDataDir({ ...base, platform: 'darwin' })).toBe(
      '/home/ada/Library/Application Support/Skein',
    );
    expect(
      resolveDataDir({
        ...base,
        platform: 'win32',
        homeDir: 'C:\\Users\\ada',
        env: { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' },
      }),
    ).toBe('C:\\Users\\ada\\AppData\\Roaming\\Skein');
    expect(resolveDataDir({ ...base, platform: 'win32', homeDir: 'C:\\Users\\ada' })).toBe(
      'C:\\Users\\ada\\AppData\\Roaming\\Skein',
    );
  });

  it('prefers --data over SKEIN_DATA_DIR over the platform folder, resolving relative paths', () => {
    const env = { SKEIN_DATA_DIR: '/env/data', XDG_CONFIG_HOME: '/xdg' };
    expect(resolveDataDir({ ...base, platform: 'linux', env, flag: '/flag/data' })).toBe('/flag/data');
    expect(resolveDataDir({ ...base, platform: 'linux', env })).toBe('/env/data');
    expect(resolveDataDir({ ...base, platform: 'linux', flag: 'rel/data' })).toBe('/work/rel/data');
  });

  it('ignores empty overrides', () => {
    expect(
      resolveDataDir({ ...base, platform: 'linux', env: { SKEIN_DATA_DIR: '', XDG_CONFIG_HOME: '' } }),
    ).toBe('/home/ada/.config/Skein');
  });
});
