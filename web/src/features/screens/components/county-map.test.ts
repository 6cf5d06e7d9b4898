// The county map drawn by ECharts itself (server-side SVG rendering, no canvas needed) at the size of its
// panel on the 1920×1080 stage: every park's name is shown, and no name covers another name or a park's dot.
import type { CountyScreenView } from '@tiantai/shared';
import { ScatterChart } from 'echarts/charts';
import { GeoComponent, TooltipComponent } from 'echarts/components';
import { init, setPlatformAPI, use as registerEChartsParts } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { describe, expect, it } from 'vitest';
import { countyMapOption, placeMapLabels } from './county-map';
import './screen-chart'; // registers the county's outline

registerEChartsParts([ScatterChart, GeoComponent, TooltipComponent, SVGRenderer]);
// jsdom has no canvas to measure text with: Chinese characters a full em, the rest 0.6 em, as a browser's CJK font.
setPlatformAPI({
  measureText: (text = '', font = '') => {
    const size = Number(/(\d+)px/.exec(font)?.[1] ?? 12);
    return { width: [...text].reduce((w, c) => w + (c.charCodeAt(0) < 0x2e80 ? 0.6 : 1) * size, 0) };
  },
});

/** The map's chart on the county screen at 1920×1080 (the stage is scaled as a whole, so at 1366×768 too). */
const MAP_BOX = { width: 686, height: 354 };
const WORDS = { enterprises: '企业', online: '在线设备' };

type Park = CountyScreenView['parks'][number];
const park = (name: string, towns: string[], enterprises: number): Park => ({ id: name, name, towns, enterprises, devicesOnline: 0 });

/** The seed's five parks. */
const SEED_PARKS = [
  park('苍山产业集聚区', ['坦头镇', '三合镇'], 14),
  park('中德现代交通科技产业园', ['福溪街道'], 9),
  park('智能橡胶产业园', ['三合镇'], 6),
  park('天成航空产业园', ['平桥镇'], 3),
  park('数字经济产业园', ['赤城街道'], 5),
];

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
/** The distance between two boxes (0 when they touch or overlap). */
const gapBetween = (a: Box, b: Box) =>
  Math.hypot(Math.max(0, b.x - (a.x + a.width), a.x - (b.x + b.width)), Math.max(0, b.y - (a.y + a.height), a.y - (b.y + b.height)));
const intersects = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** What ECharts drew: each visible text's box, and each park's dot. */
function render(parks: Park[], box = MAP_BOX) {
  const chart = init(null as unknown as HTMLElement, undefined, { renderer: 'svg', ssr: true, ...box });
  try {
    chart.setOption(countyMapOption(parks, WORDS, box));
    // Read as laid out, before any server-side paint (which moves labels a few pixels): these are the boxes
    // Chromium's canvas shows for the same option, checked against it.
    // Every label as drawn, its background and padding included: the text hosted by each dot, unless hidden.
    const texts: Array<{ text: string; box: Box }> = [];
    for (const host of chart.getZr().storage.getDisplayList(true)) {
      const label = host.getTextContent();
      if (!label || label.ignore || host.ignore) continue;
      const rect = label.getBoundingRect().clone();
      rect.applyTransform(label.getComputedTransform());
      texts.push({ text: String(label.style.text), box: rect });
    }
    const placement = placeMapLabels(parks, box);
    const dots = placement.parks.map((p) => {
      const [x, y] = chart.convertToPixel({ geoIndex: 0 }, p.coord) as number[];
      return { name: p.park.name, box: { x: x! - p.size / 2, y: y! - p.size / 2, width: p.size, height: p.size } };
    });
    return { texts, dots };
  } finally {
    chart.dispose();
  }
}

function expectReadable(parks: Park[], box = MAP_BOX) {
  const { texts, dots } = render(parks, box);
  for (const p of parks)
    expect(
      texts.map((t) => t.text),
      p.name,
    ).toContain(p.name);
  for (let i = 0; i < texts.length; i++) {
    const a = texts[i]!;
    expect(a.box.x, a.text).toBeGreaterThanOrEqual(0);
    expect(a.box.y, a.text).toBeGreaterThanOrEqual(0);
    expect(a.box.x + a.box.width, a.text).toBeLessThanOrEqual(box.width);
    expect(a.box.y + a.box.height, a.text).toBeLessThanOrEqual(box.height);
    for (const b of texts.slice(i + 1))
      expect(intersects(a.box, b.box), `${a.text} / ${b.text} ${JSON.stringify([a.box, b.box])}`).toBe(false);
    // No name on any park's dot, its own included: a park's name sits beside its dot, close to it.
    for (const dot of dots) expect(intersects(a.box, dot.box), `${a.text} on ${dot.name}`).toBe(false);
    const own = dots.find((dot) => dot.name === a.text);
    if (own) expect(gapBetween(a.box, own.box), a.text).toBeLessThanOrEqual(80);
  }
  return texts;
}

describe('countyMapOption', () => {
  it("names the seed's five parks where they cover no other name and no other park", () => {
    const texts = expectReadable(SEED_PARKS);
    // Towns' names fill in where there is room.
    expect(texts.length).toBeGreaterThan(SEED_PARKS.length + 3);
  });

  it('keeps parks of the same town apart, and parks with no known town on the ring round the county seat', () => {
    expectReadable([
      ...SEED_PARKS,
      park('始丰溪科创走廊', ['始丰街道'], 4),
      park('赤城新材料小微园', ['赤城街道'], 2),
      park('白鹤生物医药园', ['白鹤镇'], 2),
      park('县外飞地园区', [], 1),
    ]);
  });
});
