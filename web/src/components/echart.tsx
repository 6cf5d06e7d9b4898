// A thin React wrapper over Apache ECharts: one chart instance per mounted element, the option applied
// whenever it changes, resized with its box, disposed on unmount. Only the parts the app draws are
// registered, so the bundle carries bar and line charts rather than all of ECharts.
import { useEffect, useRef } from 'react';
import type { CSSProperties } from 'react';
import { BarChart, LineChart } from 'echarts/charts';
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
// `use` is ECharts' registry, not React's hook: renamed so neither readers nor the hooks lint mistake it.
import { init, use as registerEChartsParts } from 'echarts/core';
import type { ComposeOption, EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { usePrefersReducedMotion } from '@/lib/reduced-motion';

registerEChartsParts([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type EChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

export function EChart({
  option,
  height = 320,
  style,
  testId,
}: {
  option: EChartOption;
  height?: number;
  style?: CSSProperties;
  testId?: string;
}) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const reducedMotion = usePrefersReducedMotion();

  useEffect(() => {
    const box = element.current;
    if (!box) return;
    const instance = init(box, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(box);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // notMerge: a new grouping brings new categories; stale series from the old option must go.
    chart.current?.setOption(reducedMotion ? { ...option, animation: false } : option, { notMerge: true });
  }, [option, reducedMotion]);

  return <div ref={element} style={{ width: '100%', height, ...style }} data-testid={testId} />;
}
