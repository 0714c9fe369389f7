import { describe, expect, it } from 'vitest';
import { skipIdleSelectionRedraws } from '../../src-renderer/features/terminal/skip-idle-selection-redraws';

type Cell = [number, number] | undefined;

/** The shape of xterm 6's Terminal where the wrapper reaches in: `_core._renderService`. */
function fakeTerminal() {
  const redraws: Array<[Cell, Cell]> = [];
  const renderService = {
    handleSelectionChanged(start: Cell, end: Cell) {
      redraws.push([start, end]);
    },
  };
  return { term: { options: {}, _core: { _renderService: renderService } }, renderService, redraws };
}

describe('skipping idle selection redraws', () => {
  it('drops redraws while nothing is or was selected, and passes every real change through', () => {
    const { term, renderService, redraws } = fakeTerminal();
    expect(skipIdleSelectionRedraws(term)).toBe(true);
    // Scrolling with no selection: xterm asks for a redraw each time; none reaches the renderer.
    renderService.handleSelectionChanged(undefined, undefined);
    renderService.handleSelectionChanged([3, 1], undefined);
    renderService.handleSelectionChanged([3, 1], [3, 1]);
    expect(redraws).toEqual([]);
    // A selection, its growth, and its removal are all drawn.
    renderService.handleSelectionChanged([0, 1], [5, 1]);
    renderService.handleSelectionChanged([0, 1], [9, 2]);
    renderService.handleSelectionChanged(undefined, undefined);
    expect(redraws).toEqual([
      [
        [0, 1],
        [5, 1],
      ],
      [
        [0, 1],
        [9, 2],
      ],
      [undefined, undefined],
    ]);
    // And idle again afterwards.
    renderService.handleSelectionChanged(undefined, undefined);
    expect(redraws).toHaveLength(3);
  });

  it('leaves a terminal of another shape alone', () => {
    expect(skipIdleSelectionRedraws({ options: {} })).toBe(false);
    expect(skipIdleSelectionRedraws({ options: {}, _core: {} } as never)).toBe(false);
  });
});
