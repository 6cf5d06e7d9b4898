// The county screen's projects and targets panels, mapped from the figures the projects statistics page and
// the target tree read (the composition root passes them in), so the screen and the pages agree.
import {
  PROJECT_STAGE_ZH,
  PROJECT_STAGES,
  type ProjectStatisticsView,
  type ProjectsSlotView,
  type TargetProgressView,
  type TargetsSlotView,
} from '@tiantai/shared';

const BAND_ZH = { ge10m: '1000万元以上', ge100m: '亿元以上', ge1bn: '10亿元以上' } as const;

export function countyProjectsSlot(statistics: ProjectStatisticsView): ProjectsSlotView {
  const byStage = new Map(statistics.byStage.map((s) => [s.stage, s]));
  return {
    byStage: PROJECT_STAGES.filter((stage) => stage !== 'terminated').map((stage) => ({
      stage,
      label: PROJECT_STAGE_ZH[stage],
      count: byStage.get(stage)?.count ?? 0,
      investmentWan: byStage.get(stage)?.totalInvestmentWan ?? 0,
    })),
    bySize: statistics.bands.map((b) => ({
      band: b.band,
      label: BAND_ZH[b.band],
      count: b.count,
      plannedYearWan: b.plannedYearWan,
      shareOfYearPlan: b.shareOfYearPlan,
    })),
  };
}

/** Each indicator's actual against this year's target, and the share of the year gone (序时进度). */
export function countyTargetsSlot(progress: TargetProgressView, expected: number): TargetsSlotView {
  return {
    items: progress.indicators.map((i) => ({
      name: i.nameZh,
      progress: i.yearTarget && i.yearActual !== null ? i.yearActual / i.yearTarget : null,
      expected,
      unit: i.unit,
    })),
  };
}
