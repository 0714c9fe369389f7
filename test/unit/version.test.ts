import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SKEIN_VERSION } from '../../src-main/host/version';

describe('version', () => {
  it('matches package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(SKEIN_VERSION).toBe(pkg.version);
  });
});
