// The plant screen's machine board as pages: as many tiles as fit the board at their smallest, the pages
// shown in turn so that every machine is on screen once per cycle; a few machines get bigger tiles that fill
// the board instead of a corner of it. Pure, so the arithmetic is tested without a browser.

export interface TileBounds {
  minWidth: number;
  minHeight: number;
  maxWidth: number;
  maxHeight: number;
  gap: number;
}

/** Stage pixels: at their smallest a tile holds a name like 伺服压力机 12 号, a code and a state in the board's fonts. */
export const MACHINE_TILE: TileBounds = { minWidth: 176, minHeight: 60, maxWidth: 440, maxHeight: 190, gap: 10 };

/** The shape a tile looks best in: wide enough for a machine's name on one line. */
const TILE_ASPECT = 2.4;

export interface BoardLayout {
  columns: number;
  rows: number;
  /** Tiles on a full page (columns × rows). */
  perPage: number;
  pages: number;
  tileWidth: number;
  tileHeight: number;
}

const fill = (space: number, count: number, gap: number) => (space - (count - 1) * gap) / count;

/**
 * How `count` tiles go on a board of `box` (stage pixels): when they fit at their smallest, one page with the
 * grid that gives the biggest well-shaped tiles; otherwise pages of as many as fit.
 */
export function boardLayout(count: number, box: { width: number; height: number }, tile: TileBounds = MACHINE_TILE): BoardLayout {
  const { gap } = tile;
  const maxColumns = Math.max(1, Math.floor((box.width + gap) / (tile.minWidth + gap)));
  const maxRows = Math.max(1, Math.floor((box.height + gap) / (tile.minHeight + gap)));
  const capacity = maxColumns * maxRows;
  if (count > capacity) {
    return {
      columns: maxColumns,
      rows: maxRows,
      perPage: capacity,
      pages: Math.ceil(count / capacity),
      tileWidth: Math.min(tile.maxWidth, fill(box.width, maxColumns, gap)),
      tileHeight: Math.min(tile.maxHeight, fill(box.height, maxRows, gap)),
    };
  }
  let best: BoardLayout | null = null;
  let bestScore = -1;
  for (let columns = 1; columns <= Math.min(maxColumns, Math.max(1, count)); columns++) {
    const rows = Math.max(1, Math.ceil(count / columns));
    if (rows > maxRows) continue;
    const width = Math.min(tile.maxWidth, fill(box.width, columns, gap));
    const height = Math.min(tile.maxHeight, fill(box.height, rows, gap));
    // The largest tile of the preferred shape inside the cell: neither a sliver nor a tower.
    const usable = Math.min(width, height * TILE_ASPECT) * Math.min(height, width / TILE_ASPECT);
    // Ties (tiles at their largest either way) go to the grid with the fewest empty cells.
    const score = usable - (columns * rows - count) * 1e-3;
    if (score > bestScore) {
      bestScore = score;
      best = { columns, rows, perPage: columns * rows, pages: count === 0 ? 0 : 1, tileWidth: width, tileHeight: height };
    }
  }
  return best!;
}

/** The machines cut into pages of `perPage`, in their order: each machine on exactly one page. */
export function machinePages<T>(machines: readonly T[], perPage: number): T[][] {
  const size = Math.max(1, Math.floor(perPage));
  const pages: T[][] = [];
  for (let i = 0; i < machines.length; i += size) pages.push(machines.slice(i, i + size));
  return pages;
}

/** Seconds a page stays up: `?rotate=` on the screen's address (2–300 s), 10 s unless given. */
export function rotationSeconds(value: string | null | undefined): number {
  const seconds = Number(value);
  return value && Number.isFinite(seconds) ? Math.min(300, Math.max(2, seconds)) : 10;
}
