import { describe, expect, it } from 'vitest';
import { UnsavedTail } from '../../src-main/core/terminals/unsaved-tail';

describe('unsaved tail (the quick save of a quitting host)', () => {
  it('is unknown until the mirror loaded the stored screen, then that screen plus the raw output since', () => {
    const tail = new UnsavedTail(100);
    tail.output('lost');
    expect(tail.quickScreen()).toBeNull();
    tail.loaded('SCREEN\r\n');
    tail.output('a');
    tail.output('b');
    expect(tail.quickScreen()).toBe('SCREEN\r\nab');
    tail.loaded(null);
    expect(tail.quickScreen()).toBe('');
  });

  it('keeps the output before a full save until that save is stored', () => {
    const tail = new UnsavedTail(100);
    tail.loaded('S0 ');
    tail.output('before ');
    tail.beginSave();
    tail.output('after');
    // The save of "S0 before " is still running: both parts count.
    expect(tail.quickScreen()).toBe('S0 before after');
    tail.stored('S1 ');
    expect(tail.quickScreen()).toBe('S1 after');
  });

  it('puts the tail back in order when a full save fails', () => {
    const tail = new UnsavedTail(100);
    tail.loaded('S0 ');
    tail.output('one ');
    const failed = tail.beginSave();
    tail.output('two');
    failed();
    expect(tail.quickScreen()).toBe('S0 one two');
    // Stored later by another save: the failed one's restore no longer applies.
    const second = tail.beginSave();
    tail.stored('S2 ');
    second();
    expect(tail.quickScreen()).toBe('S2 ');
  });

  it('gives up on a tail past its limit or across a resize, until the next full save', () => {
    const tail = new UnsavedTail(10);
    tail.loaded('');
    tail.output('0123456789X');
    expect(tail.quickScreen()).toBeNull();
    tail.beginSave();
    tail.output('ok');
    // The running save covers the overflowed part only if it is stored.
    expect(tail.quickScreen()).toBeNull();
    tail.stored('S ');
    expect(tail.quickScreen()).toBe('S ok');
    tail.resized();
    expect(tail.quickScreen()).toBeNull();
    const failed = tail.beginSave();
    failed();
    expect(tail.quickScreen()).toBeNull();
  });
});
