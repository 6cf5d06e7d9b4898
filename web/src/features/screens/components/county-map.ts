// The county screen's map: the county outline, the towns' seats as small dots with muted names, and the parks
// as glowing dots sized by their enterprises, each park's name placed deliberately where it covers no other
// label and no other park (tried right, left, above, below and the corners, outward from the county's middle
// first). A town's name that would touch a park's is left out. ECharts' hideOverlap stays on as a safety net
// for fonts that measure wider than estimated here. Pure: the placement is tested by rendering the option.
import type { CountyScreenView } from '@tiantai/shared';
import { SCREEN_MUTED, SCREEN_TEXT, screenTooltip, type ScreenChartOption } from './screen-chart';
import { TIANTAI_BOUNDS, TIANTAI_MAP_NAME, TOWN_SEATS, parkPosition } from './tiantai-map';

type Park = CountyScreenView['parks'][number];
type Point = [number, number];
interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** How the map sits in its chart (ECharts' geo layout: a square of this share of the shorter side, aspect kept). */
const LAYOUT_CENTER: Point = [0.5, 0.52];
const LAYOUT_SIZE = 1.12;
/** ECharts' default for geo: longitudes drawn at 0.75 of latitudes' scale. */
const GEO_ASPECT_SCALE = 0.75;

const PARK_FONT = 16;
const PARK_LINE_HEIGHT = 20;
const TOWN_FONT = 13;
const TOWN_LINE_HEIGHT = 16;
const PARK_LABEL_PADDING: [number, number] = [2, 6];
/** A name at most this wide (stage pixels); a longer one is cut with an ellipsis. */
const PARK_LABEL_MAX = 190;
const TOWN_DOT = 5;

/** A park's name as drawn: cut with an ellipsis at PARK_LABEL_MAX pixels. */
export function parkLabel(name: string): string {
  if (textWidth(name, PARK_FONT) <= PARK_LABEL_MAX) return name;
  let cut = '';
  for (const char of name) {
    if (textWidth(`${cut}${char}…`, PARK_FONT) > PARK_LABEL_MAX) break;
    cut += char;
  }
  return `${cut}…`;
}

export const parkSymbolSize = (enterprises: number) => 12 + Math.min(18, Math.sqrt(enterprises) * 4);

/** A string's width at `fontSize`: Chinese characters a full em, Latin letters and digits about 0.6 em. */
export function textWidth(text: string, fontSize: number): number {
  let width = 0;
  for (const char of text) width += char.charCodeAt(0) < 0x2e80 ? 0.62 * fontSize : fontSize;
  return width;
}

/** Longitude/latitude to the chart's pixels and back, as ECharts lays the outline out in a `box`. */
export function mapProjection(box: { width: number; height: number }) {
  const b = TIANTAI_BOUNDS;
  const size = Math.min(box.width, box.height) * LAYOUT_SIZE;
  const aspect = ((b.east - b.west) / (b.north - b.south)) * GEO_ASPECT_SCALE;
  const width = aspect < 1 ? size * aspect : size;
  const height = aspect < 1 ? size : size / aspect;
  const left = box.width * LAYOUT_CENTER[0] - width / 2;
  const top = box.height * LAYOUT_CENTER[1] - height / 2;
  return {
    toPixel: ([lng, lat]: Point): Point => [
      left + ((lng - b.west) / (b.east - b.west)) * width,
      top + ((b.north - lat) / (b.north - b.south)) * height,
    ],
    toCoord: ([x, y]: Point): Point => [
      b.west + ((x - left) / width) * (b.east - b.west),
      b.north - ((y - top) / height) * (b.north - b.south),
    ],
  };
}

const overlaps = (a: Rect, b: Rect, margin = 0) =>
  a.x < b.x + b.width + margin && b.x < a.x + a.width + margin && a.y < b.y + b.height + margin && b.y < a.y + a.height + margin;
const overlapArea = (a: Rect, b: Rect) =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) *
  Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));
const square = ([x, y]: Point, size: number): Rect => ({ x: x - size / 2, y: y - size / 2, width: size, height: size });

export type LabelSide = 'right' | 'left' | 'top' | 'bottom' | 'topRight' | 'bottomRight' | 'topLeft' | 'bottomLeft';
/** How far a name may stand off its dot (stage pixels): beside it, or further out on a thin leader line. */
const STAND_OFF = [0, 22, 44, 70];

/** The box of a `width` × `height` name on `side` of a dot of `size` at `at`, `away` pixels further out. */
function sideBox(side: LabelSide, at: Point, size: number, width: number, height: number, away: number): Rect {
  const gap = 4 + away;
  const r = size / 2;
  const [x, y] = at;
  const horizontal = side.includes('Right') || side === 'right' ? 1 : side.includes('Left') || side === 'left' ? -1 : 0;
  const vertical = side.startsWith('top') ? -1 : side.startsWith('bottom') ? 1 : 0;
  // Corners sit off the dot's diagonal; straight sides just past its edge.
  const dx = horizontal === 0 ? 0 : horizontal * (vertical === 0 ? r + gap : r * 0.7 + gap * 0.7);
  const dy = vertical === 0 ? 0 : vertical * (horizontal === 0 ? r + gap : r * 0.7 + gap * 0.7);
  return {
    x: horizontal === 1 ? x + dx : horizontal === -1 ? x + dx - width : x - width / 2,
    y: vertical === 1 ? y + dy : vertical === -1 ? y + dy - height : y - height / 2,
    width,
    height,
  };
}

export interface MapPlacement {
  /** Each park's dot (longitude, latitude) and its name's box in the chart's pixels; `leader` when it stands off. */
  parks: Array<{ park: Park; coord: Point; size: number; label: Rect; labelOffset: Point; leader: [Point, Point] | null }>;
  towns: Array<{ name: string; coord: Point; showLabel: boolean }>;
}

/** The parks' dots (moved apart where two would sit on each other) and where every name goes. */
export function placeMapLabels(parks: readonly Park[], box: { width: number; height: number }): MapPlacement {
  const projection = mapProjection(box);
  const centre = projection.toPixel([(TIANTAI_BOUNDS.west + TIANTAI_BOUNDS.east) / 2, (TIANTAI_BOUNDS.south + TIANTAI_BOUNDS.north) / 2]);
  const dots = parks.map((park, i) => ({
    park,
    size: parkSymbolSize(park.enterprises),
    at: projection.toPixel(parkPosition(park.towns, i)),
  }));
  // Parks of the same towns would hide each other: push later ones aside until their dots just touch.
  for (let round = 0; round < 20; round++) {
    let moved = false;
    for (let i = 0; i < dots.length; i++)
      for (let j = i + 1; j < dots.length; j++) {
        const a = dots[i]!;
        const b = dots[j]!;
        const need = (a.size + b.size) / 2 + 2;
        const dx = b.at[0] - a.at[0];
        const dy = b.at[1] - a.at[1];
        const distance = Math.hypot(dx, dy);
        if (distance >= need) continue;
        const angle = distance < 0.5 ? (j * 2 * Math.PI) / 5 : Math.atan2(dy, dx);
        b.at = [a.at[0] + Math.cos(angle) * need, a.at[1] + Math.sin(angle) * need];
        moved = true;
      }
    if (!moved) break;
  }

  const bounds: Rect = { x: 2, y: 2, width: box.width - 4, height: box.height - 4 };
  const inside = (r: Rect) =>
    r.x >= bounds.x && r.y >= bounds.y && r.x + r.width <= bounds.x + bounds.width && r.y + r.height <= bounds.y + bounds.height;
  const parkDots = dots.map((d) => square(d.at, d.size));
  const taken: Rect[] = [];
  const placed = new Map<Park, MapPlacement['parks'][number]>();
  // Bigger parks choose first; each takes the first free place, nearest first, outward before inward.
  for (const dot of [...dots].sort((a, b) => b.size - a.size)) {
    const width = textWidth(parkLabel(dot.park.name), PARK_FONT) + 2 * PARK_LABEL_PADDING[1] + 4;
    const height = PARK_LINE_HEIGHT + 2 * PARK_LABEL_PADDING[0] + 2;
    const sides = preference(dot.at[0] >= centre[0] ? 1 : -1);
    const otherDots = dots.filter((d) => d !== dot).map((d) => square(d.at, d.size));
    let best: { rect: Rect; away: number; cost: number } | null = null;
    for (const away of STAND_OFF) {
      for (const side of sides) {
        const rect = sideBox(side, dot.at, dot.size, width, height, away);
        const cost =
          (inside(rect) ? 0 : 1e6) +
          [...taken, ...parkDots].reduce((sum, r) => sum + (overlaps(rect, r, 3) ? 1e3 + overlapArea(rect, r) : 0), 0) +
          // A name right beside another park's dot reads as that park's: only when nothing better is free.
          otherDots.reduce((sum, r) => sum + (overlaps(rect, r, 12) ? 60 : 0), 0) +
          away * 2;
        if (!best || cost < best.cost) best = { rect, away, cost };
      }
      if (best && best.cost === best.away * 2) break;
    }
    taken.push(best!.rect);
    const label = best!.rect;
    placed.set(dot.park, {
      park: dot.park,
      coord: projection.toCoord(dot.at),
      size: dot.size,
      label,
      // The drawn box's top-left corner (half the margin kept round it inside the estimate), from the dot's box's.
      labelOffset: [label.x + 2 - (dot.at[0] - dot.size / 2), label.y + 1 - (dot.at[1] - dot.size / 2)],
      // A name standing off its dot is tied to it by a thin line, from the dot's edge to the name's nearest point.
      leader: best!.away > 0 ? (leaderLine(dot.at, dot.size, label).map(projection.toCoord) as [Point, Point]) : null,
    });
  }

  // Towns: a dot each; a name below it only where it touches no park, no park's name and no other town's name.
  const towns = Object.entries(TOWN_SEATS).map(([name, coord]) => {
    const at = projection.toPixel(coord);
    const width = textWidth(name, TOWN_FONT) + 4;
    const rect: Rect = { x: at[0] - width / 2, y: at[1] + TOWN_DOT / 2 + 1, width, height: TOWN_LINE_HEIGHT + 2 };
    const showLabel = inside(rect) && ![...taken, ...parkDots].some((r) => overlaps(rect, r, 3));
    if (showLabel) taken.push(rect);
    return { name, coord, showLabel };
  });
  return { parks: parks.map((p) => placed.get(p)!), towns };
}

function leaderLine([x, y]: Point, size: number, label: Rect): [Point, Point] {
  const end: Point = [
    Math.min(Math.max(x, label.x + 2), label.x + label.width - 2),
    Math.min(Math.max(y, label.y + 1), label.y + label.height - 1),
  ];
  const length = Math.hypot(end[0] - x, end[1] - y) || 1;
  return [[x + ((end[0] - x) / length) * (size / 2), y + ((end[1] - y) / length) * (size / 2)], end];
}

/** Outward first (the side away from the county's middle), then above and below, then inward. */
function preference(outward: 1 | -1): LabelSide[] {
  return outward === 1
    ? ['right', 'topRight', 'bottomRight', 'top', 'bottom', 'left', 'topLeft', 'bottomLeft']
    : ['left', 'topLeft', 'bottomLeft', 'top', 'bottom', 'right', 'topRight', 'bottomRight'];
}

/** The map's option for a chart of `box` stage pixels; `words` in the screen's language. */
export function countyMapOption(
  parks: readonly Park[],
  words: { enterprises: string; online: string },
  box: { width: number; height: number },
): ScreenChartOption {
  const placement = placeMapLabels(parks, box);
  return {
    geo: {
      map: TIANTAI_MAP_NAME,
      roam: false,
      layoutCenter: LAYOUT_CENTER.map((v) => `${v * 100}%`),
      layoutSize: `${LAYOUT_SIZE * 100}%`,
      aspectScale: GEO_ASPECT_SCALE,
      itemStyle: {
        areaColor: 'rgba(28, 88, 170, 0.35)',
        borderColor: '#4aa3ff',
        borderWidth: 2,
        shadowColor: 'rgba(64, 160, 255, 0.6)',
        shadowBlur: 18,
      },
      label: { show: false },
      emphasis: { disabled: true },
      silent: true,
    },
    tooltip: {
      trigger: 'item',
      ...screenTooltip((params) => {
        const park = (params as { data?: { park?: Park } }).data?.park;
        return park ? [park.name, `${words.enterprises}: ${park.enterprises}`, `${words.online}: ${park.devicesOnline}`] : [];
      }),
    },
    series: [
      {
        // The towns first, so the parks draw over them.
        type: 'scatter',
        coordinateSystem: 'geo',
        silent: true,
        symbolSize: TOWN_DOT,
        itemStyle: { color: 'rgba(143, 177, 221, 0.7)' },
        data: placement.towns.map((town) => ({
          name: town.name,
          value: town.coord,
          label: { show: town.showLabel },
        })),
        label: {
          position: 'bottom',
          distance: 1,
          color: SCREEN_MUTED,
          fontSize: TOWN_FONT,
          lineHeight: TOWN_LINE_HEIGHT,
          formatter: '{b}',
        },
        labelLayout: { hideOverlap: true },
      },
      {
        type: 'lines',
        coordinateSystem: 'geo',
        silent: true,
        symbol: 'none',
        lineStyle: { color: '#f5c04a', opacity: 0.8, width: 1, curveness: 0 },
        data: placement.parks.flatMap((p) => (p.leader ? [{ coords: p.leader }] : [])),
      },
      {
        type: 'scatter',
        coordinateSystem: 'geo',
        data: placement.parks.map((p) => ({
          name: p.park.name,
          value: [...p.coord, p.park.enterprises],
          symbolSize: p.size,
          park: p.park,
          // Where the placement put the name: ECharts takes a position from the top-left corner of the dot's box.
          label: { position: p.labelOffset, align: 'left' as const, verticalAlign: 'top' as const },
        })),
        itemStyle: { color: '#f5c04a', shadowBlur: 14, shadowColor: '#f5c04a' },
        // Canvas text: a park's name is drawn as characters, never parsed as markup.
        label: {
          show: true,
          color: SCREEN_TEXT,
          fontSize: PARK_FONT,
          lineHeight: PARK_LINE_HEIGHT,
          formatter: (p: { name: string }) => parkLabel(p.name),
          padding: PARK_LABEL_PADDING,
          borderRadius: 3,
          backgroundColor: 'rgba(6, 20, 44, 0.72)',
        },
        // A safety net only: the parks' names outrank the towns' (ECharts ranks by dot size).
        labelLayout: { hideOverlap: true },
      },
    ],
  };
}
