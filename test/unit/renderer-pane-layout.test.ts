import { describe, expect, test } from 'vitest';
import {
  closePane,
  keepThreads,
  MAX_PANES,
  openBeside,
  openInFocused,
} from '../../src-renderer/features/layout/pane-layout';

describe('pane layout', () => {
  test('opening a thread with no pane creates the first pane', () => {
    expect(openInFocused({ panes: [], focused: 0 }, 'a')).toEqual({ panes: ['a'], focused: 0 });
  });

  test('opening replaces the focused pane, and focuses a pane already showing the thread', () => {
    const layout = { panes: ['a', 'b'], focused: 1 };
    expect(openInFocused(layout, 'c')).toEqual({ panes: ['a', 'c'], focused: 1 });
    expect(openInFocused(layout, 'a')).toEqual({ panes: ['a', 'b'], focused: 0 });
  });

  test('open beside inserts right of the focused pane until every pane is in use', () => {
    let layout = { panes: ['a'], focused: 0 };
    layout = openBeside(layout, 'b');
    expect(layout).toEqual({ panes: ['a', 'b'], focused: 1 });
    layout = openBeside({ ...layout, focused: 0 }, 'c');
    expect(layout).toEqual({ panes: ['a', 'c', 'b'], focused: 1 });
    layout = openBeside(layout, 'd');
    expect(layout.panes).toHaveLength(MAX_PANES);
    expect(openBeside(layout, 'e')).toEqual({ panes: ['a', 'c', 'e', 'b'], focused: 2 });
  });

  test('closing a pane keeps focus on the same thread where possible', () => {
    expect(closePane({ panes: ['a', 'b', 'c'], focused: 2 }, 0)).toEqual({ panes: ['b', 'c'], focused: 1 });
    expect(closePane({ panes: ['a', 'b'], focused: 1 }, 1)).toEqual({ panes: ['a'], focused: 0 });
    expect(closePane({ panes: ['a'], focused: 0 }, 0)).toEqual({ panes: [], focused: 0 });
  });

  test('panes of threads that are gone are dropped; an unchanged layout is returned as is', () => {
    const layout = { panes: ['a', 'b', 'c'], focused: 2 };
    expect(keepThreads(layout, new Set(['a', 'b']))).toEqual({ panes: ['a', 'b'], focused: 1 });
    expect(keepThreads(layout, new Set(['a', 'b', 'c']))).toBe(layout);
  });
});
