import { describe, expect, test } from 'vitest';
import { fuzzyFilter, fuzzyScore } from '../../src-renderer/app/fuzzy-match';

describe('fuzzy match', () => {
  test('letters must appear in order, case-insensitively', () => {
    expect(fuzzyScore('nt', 'New thread')).not.toBeNull();
    expect(fuzzyScore('NT', 'new thread')).not.toBeNull();
    expect(fuzzyScore('tn', 'New thread')).toBeNull();
    expect(fuzzyScore('', 'anything')).toBe(0);
  });

  test('word starts and runs rank above scattered letters', () => {
    const ranked = fuzzyFilter(['Next tab stop', 'Rename thread', 'New thread'], 'new th', (s) => s);
    expect(ranked[0]).toBe('New thread');
    expect(fuzzyFilter(['Focus pane 2', 'Open beside'], 'pane', (s) => s)).toEqual(['Focus pane 2']);
  });

  test('an empty query keeps every item in its order', () => {
    expect(fuzzyFilter(['b', 'a'], '  ', (s) => s)).toEqual(['b', 'a']);
  });
});
