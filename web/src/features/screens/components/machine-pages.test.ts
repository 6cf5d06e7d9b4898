import { describe, expect, it } from 'vitest';
import { MACHINE_TILE, boardLayout, machinePages, rotationSeconds } from './machine-pages';

/** The plant screen's board on the 1920×1080 stage (the tiles' area of the 设备状态 panel). */
const BOARD = { width: 1133, height: 349 };
const machines = (n: number) => Array.from({ length: n }, (_, i) => `M-${String(i + 1).padStart(2, '0')}`);

/** The grid of a layout inside the board: tiles at least their smallest, and nothing past the edges. */
function expectFits(layout: ReturnType<typeof boardLayout>, box = BOARD) {
  const { gap } = MACHINE_TILE;
  expect(layout.tileWidth).toBeGreaterThanOrEqual(MACHINE_TILE.minWidth);
  expect(layout.tileHeight).toBeGreaterThanOrEqual(MACHINE_TILE.minHeight);
  expect(layout.columns * layout.tileWidth + (layout.columns - 1) * gap).toBeLessThanOrEqual(box.width);
  expect(layout.rows * layout.tileHeight + (layout.rows - 1) * gap).toBeLessThanOrEqual(box.height);
}

describe('boardLayout and machinePages', () => {
  it('pages a 60-machine plant: as many tiles as fit on a page, every machine on exactly one page', () => {
    const layout = boardLayout(60, BOARD);
    expectFits(layout);
    expect(layout.perPage).toBe(layout.columns * layout.rows);
    expect(layout.pages).toBe(Math.ceil(60 / layout.perPage));
    expect(layout.pages).toBeGreaterThan(1);
    // One more row or column of the smallest tiles would not fit.
    const { minWidth, minHeight, gap } = MACHINE_TILE;
    expect((layout.columns + 1) * minWidth + layout.columns * gap).toBeGreaterThan(BOARD.width);
    expect((layout.rows + 1) * minHeight + layout.rows * gap).toBeGreaterThan(BOARD.height);

    const all = machines(60);
    const pages = machinePages(all, layout.perPage);
    expect(pages.length).toBe(layout.pages);
    expect(pages.every((page) => page.length <= layout.perPage && page.length > 0)).toBe(true);
    expect(pages.flat()).toEqual(all);
    expect(new Set(pages.flat()).size).toBe(60);
  });

  it('gives a few machines bigger tiles that fill the board instead of a corner of it', () => {
    const few = boardLayout(4, BOARD);
    expectFits(few);
    expect(few.pages).toBe(1);
    expect(few.perPage).toBeGreaterThanOrEqual(4);
    expect(few.tileHeight).toBeGreaterThan(2 * MACHINE_TILE.minHeight);
    expect(few.tileWidth).toBeGreaterThan(2 * MACHINE_TILE.minWidth);
    // Twelve still fit on one page, bigger than the smallest, smaller than four.
    const twelve = boardLayout(12, BOARD);
    expectFits(twelve);
    expect(twelve.pages).toBe(1);
    expect(twelve.perPage).toBeGreaterThanOrEqual(12);
    expect(twelve.tileHeight * twelve.tileWidth).toBeLessThan(few.tileHeight * few.tileWidth);
    expect(twelve.tileHeight).toBeGreaterThan(MACHINE_TILE.minHeight);
    // One machine: a big tile, not the whole board.
    const one = boardLayout(1, BOARD);
    expect([one.columns, one.rows, one.pages]).toEqual([1, 1, 1]);
    expect(one.tileWidth).toBe(MACHINE_TILE.maxWidth);
  });

  it('pages exactly at the capacity edge, and copes with no machines and a tiny board', () => {
    const full = boardLayout(60, BOARD);
    expect(boardLayout(full.perPage, BOARD).pages).toBe(1);
    expect(boardLayout(full.perPage + 1, BOARD).pages).toBe(2);
    expect(boardLayout(0, BOARD).pages).toBe(0);
    expect(machinePages([], 10)).toEqual([]);
    const tiny = boardLayout(5, { width: 100, height: 40 });
    expect(tiny.perPage).toBe(1);
    expect(machinePages(machines(5), tiny.perPage).flat()).toEqual(machines(5));
  });

  it('reads the rotation from the address: 10 s by default, kept between 2 s and 5 minutes', () => {
    expect(rotationSeconds(null)).toBe(10);
    expect(rotationSeconds('')).toBe(10);
    expect(rotationSeconds('abc')).toBe(10);
    expect(rotationSeconds('3')).toBe(3);
    expect(rotationSeconds('0.5')).toBe(2);
    expect(rotationSeconds('9999')).toBe(300);
  });
});
