// A simplified outline of Tiantai county (天台县, Taizhou, Zhejiang) drawn by hand for the county screen:
// about twenty points along the county line, and the seats of its towns and sub-districts, in longitude/
// latitude (WGS-84, rounded). Schematic, not survey-grade; shipped in the bundle, so nothing downloads.
export const TIANTAI_MAP_NAME = 'tiantai';

const OUTLINE: Array<[number, number]> = [
  [120.69, 29.12],
  [120.72, 29.2],
  [120.78, 29.24],
  [120.86, 29.25],
  [120.93, 29.3],
  [121.0, 29.33],
  [121.07, 29.32],
  [121.13, 29.28],
  [121.19, 29.26],
  [121.25, 29.22],
  [121.29, 29.16],
  [121.27, 29.1],
  [121.21, 29.06],
  [121.15, 29.03],
  [121.08, 29.04],
  [121.02, 28.99],
  [120.96, 28.96],
  [120.89, 28.96],
  [120.83, 28.99],
  [120.77, 29.03],
  [120.72, 29.07],
  [120.69, 29.12],
];

/** The outline's extent: west, south, east, north (degrees). */
export const TIANTAI_BOUNDS = {
  west: Math.min(...OUTLINE.map((p) => p[0])),
  south: Math.min(...OUTLINE.map((p) => p[1])),
  east: Math.max(...OUTLINE.map((p) => p[0])),
  north: Math.max(...OUTLINE.map((p) => p[1])),
};

/** GeoJSON as echarts.registerMap takes it. */
export const TIANTAI_GEOJSON = {
  type: 'FeatureCollection' as const,
  features: [
    {
      type: 'Feature' as const,
      properties: { name: '天台县' },
      geometry: { type: 'Polygon' as const, coordinates: [OUTLINE] },
    },
  ],
};

/** Seats of the towns (镇), townships (乡) and sub-districts (街道). */
export const TOWN_SEATS: Record<string, [number, number]> = {
  赤城街道: [121.03, 29.15],
  始丰街道: [121.0, 29.13],
  福溪街道: [121.07, 29.13],
  坦头镇: [120.92, 29.07],
  三合镇: [120.88, 29.01],
  平桥镇: [120.84, 29.13],
  白鹤镇: [121.13, 29.18],
  石梁镇: [121.08, 29.26],
  街头镇: [120.79, 29.06],
  洪畴镇: [121.15, 29.1],
  泳溪乡: [121.21, 29.18],
  雷峰乡: [120.76, 29.17],
  南屏乡: [120.94, 28.99],
  龙溪乡: [121.01, 29.24],
  三州乡: [120.98, 29.03],
};

const COUNTY_SEAT: [number, number] = [121.03, 29.15];

/**
 * Where a park is drawn: the middle of its towns' seats; a park with no known town goes on a small ring
 * around the county seat, so every park is visible and none hides another.
 */
export function parkPosition(towns: readonly string[], index: number): [number, number] {
  const known = towns.map((t) => TOWN_SEATS[t] ?? TOWN_SEATS[`${t}镇`]).filter((p): p is [number, number] => Boolean(p));
  if (known.length > 0) {
    const lng = known.reduce((s, p) => s + p[0], 0) / known.length;
    const lat = known.reduce((s, p) => s + p[1], 0) / known.length;
    return [lng, lat];
  }
  const angle = (index * 2 * Math.PI) / 7;
  return [COUNTY_SEAT[0] + 0.06 * Math.cos(angle), COUNTY_SEAT[1] + 0.04 * Math.sin(angle)];
}
