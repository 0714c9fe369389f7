import { describe, expect, it } from 'vitest';
import { MAX_SLUG_LENGTH, slugify, takenSlugs, uniqueSlug } from '../../src-main/core/threads/slug';
import { confineToRepository } from '../../src-main/core/threads/setup';

describe('slugify', () => {
  it('makes lowercase ASCII kebab case', () => {
    expect(slugify('Fix the Login — crash!')).toBe('fix-the-login-crash');
    expect(slugify('  Ünïcödé  Çafé  ')).toBe('unicode-cafe');
    expect(slugify('a/b\\c..d~e^f:g?h*i[j')).toBe('a-b-c-d-e-f-g-h-i-j');
  });

  it('falls back to "thread" when nothing usable is left', () => {
    expect(slugify('!!!')).toBe('thread');
    expect(slugify('日本語')).toBe('thread');
  });

  it('caps the length, preferring a word boundary', () => {
    const slug = slugify('Refactor the authentication middleware so that sessions expire correctly');
    expect(slug.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
    expect(slug).toBe('refactor-the-authentication-middleware');
    expect(slugify('x'.repeat(100))).toBe('x'.repeat(MAX_SLUG_LENGTH));
  });
});

describe('uniqueSlug', () => {
  it('numbers repeats from 2', () => {
    expect(uniqueSlug('fix-login', new Set())).toBe('fix-login');
    expect(uniqueSlug('fix-login', new Set(['fix-login']))).toBe('fix-login-2');
    expect(uniqueSlug('fix-login', new Set(['fix-login', 'fix-login-2']))).toBe('fix-login-3');
  });

  it('treats nested branch names as taking their first segment', () => {
    const taken = takenSlugs(['skein/a/b', 'skein/c', 'main', 'feature/skein/d']);
    expect([...taken].sort()).toEqual(['a', 'c']);
  });
});

describe('confineToRepository', () => {
  it('accepts paths inside and refuses paths that escape', () => {
    expect(confineToRepository('/repo', '.env')).toBe('/repo/.env');
    expect(confineToRepository('/repo', 'config/local.json')).toBe('/repo/config/local.json');
    expect(confineToRepository('/repo', '../secrets')).toBeNull();
    expect(confineToRepository('/repo', 'a/../../b')).toBeNull();
    expect(confineToRepository('/repo', '/etc/passwd')).toBeNull();
    expect(confineToRepository('/repo', '.')).toBeNull();
  });
});
