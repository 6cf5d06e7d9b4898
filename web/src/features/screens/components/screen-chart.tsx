// ECharts on the dark screens: bars, lines, the county map and its park markers. Names reach charts from
// the server (parks, departments, industries): labels are drawn on the canvas, and every tooltip goes
// through escapeHtml, since ECharts renders tooltips as HTML.
import { useEffect, useRef } from 'react';
import { BarChart, LineChart, LinesChart, ScatterChart } from 'echarts/charts';
import type { BarSeriesOption, LineSeriesOption, LinesSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import { GeoComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import type { GeoComponentOption, GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
// `use` is ECharts' registry, not React's hook: renamed so neither readers nor the hooks lint mistake it.
import { init, registerMap, use as registerEChartsParts } from 'echarts/core';
import type { ComposeOption, EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { usePrefersReducedMotion } from '@/lib/reduced-motion';
import { TIANTAI_GEOJSON, TIANTAI_MAP_NAME } from './tiantai-map';

registerEChartsParts([
  BarChart,
  LineChart,
  LinesChart,
  ScatterChart,
  GeoComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);
// The bundled outline; registerMap's typing wants its own GeoJSON type, which ours matches.
registerMap(TIANTAI_MAP_NAME, TIANTAI_GEOJSON as unknown as Parameters<typeof registerMap>[1]);

export type ScreenChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | LinesSeriesOption
  | ScatterSeriesOption
  | GeoComponentOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
>;

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for an HTML tooltip: a park called `<img onerror=…>` shows those characters, never an image. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

export const SCREEN_TEXT = '#cfe3ff';
export const SCREEN_MUTED = '#6f8bb3';
export const SCREEN_GRID = 'rgba(111, 139, 179, 0.18)';

/** Tooltip defaults for the dark stage; `lines` returns the tooltip's lines as plain text (escaped here). */
export function screenTooltip(lines: (params: unknown) => string[]): TooltipComponentOption {
  return {
    // Kept inside its chart: panels clip what sticks out.
    confine: true,
    backgroundColor: 'rgba(8, 20, 43, 0.95)',
    borderColor: '#1f4a8a',
    textStyle: { color: SCREEN_TEXT },
    formatter: (params: unknown) => lines(params).map(escapeHtml).join('<br/>'),
  };
}

/** Fills its panel unless given a height in stage pixels. */
export function ScreenChart({ option, height, testId }: { option: ScreenChartOption; height?: number; testId?: string }) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const reducedMotion = usePrefersReducedMotion();

  useEffect(() => {
    const box = element.current;
    if (!box) return;
    const instance = init(box, undefined, { renderer: 'canvas' });
    chart.current = instance;
    return () => {
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(reducedMotion ? { ...option, animation: false } : option, { notMerge: true });
  }, [option, reducedMotion]);

  return <div ref={element} style={{ width: '100%', height: height ?? '100%' }} data-testid={testId} />;
}
