// The county screen: enterprises and devices online, utilisation by park and by industry, maintenance
// compliance, this year's enterprise requests by department, the parks on a map of the county, and the
// projects and targets slots (待接入 until those modules are wired in).
import { useCallback, useMemo } from 'react';
import type { CountyScreenView, DomainEvent } from '@tiantai/shared';
import { isApiError } from '@/lib/api-client';
import { describeError } from '@/lib/error-message';
import { useI18n } from '@/lib/i18n';
import { formatNumber } from '@/lib/format';
import { countyScreenQueryKey, useCountyScreen } from '../api/get-county-screen';
import { SCREEN_GRID, SCREEN_MUTED, SCREEN_TEXT, ScreenChart, screenTooltip, type ScreenChartOption } from './screen-chart';
import { Panel, PendingSlot, ScreenHeader, Tile, percent } from './screen-header';
import { ScreenStage } from './screen-stage';
import { countyMapOption } from './county-map';
import { useBoxSize } from './use-box-size';
import { useScreenFeed } from './use-screen-feed';

/** County figures are computed on the server; events only prompt a refetch. */
const keepSnapshot = (snapshot: CountyScreenView, _event: DomainEvent) => snapshot;

export function CountyScreen({ token }: { token: string | undefined }) {
  const { t } = useI18n();
  const screen = useCountyScreen(token);
  const queryKey = useMemo(() => countyScreenQueryKey(token), [token]);
  const apply = useCallback(keepSnapshot, []);
  const status = useScreenFeed({ queryKey, token, apply });
  // A revoked kiosk token: the display says so instead of showing figures that no longer update.
  const data = token && isApiError(screen.error, 'UNAUTHENTICATED') ? undefined : screen.data;
  const title = t('screens.county.title');

  if (!data) {
    return (
      <ScreenStage testId="county-screen">
        <ScreenHeader title={title} organisation={t('screens.county.organisation')} place={null} status={status} />
        <div className="tt-screen-message" data-testid="screen-message">
          {isApiError(screen.error, 'UNAUTHENTICATED') && token
            ? t('screens.tokenRevoked')
            : screen.isError
              ? describeError(screen.error, t)
              : t('screens.loading')}
        </div>
      </ScreenStage>
    );
  }
  const { tiles } = data;
  return (
    <ScreenStage testId="county-screen">
      <ScreenHeader
        title={title}
        organisation={t('screens.county.organisation')}
        place={t('screens.county.place')}
        status={status}
        timeZone={data.timeZone}
      />
      <div className="tt-screen-body">
        <div className="tt-screen-tiles">
          <Tile label={t('screens.county.enterprises')} value={tiles.enterprises} testId="tile-enterprises" />
          <Tile label={t('screens.county.enterprisesOnline')} value={tiles.enterprisesOnline} tone="good" />
          <Tile label={t('screens.county.devices')} value={tiles.devices} />
          <Tile label={t('screens.county.devicesOnline')} value={tiles.devicesOnline} tone="good" />
          <Tile label={t('screens.county.utilisation')} value={percent(tiles.utilisation)} unit="%" />
          <Tile label={t('screens.county.pmCompliance')} value={percent(tiles.pmCompliance)} unit="%" />
          <Tile label={t('screens.county.openAlarms')} value={tiles.openAlarms} tone={tiles.openAlarms > 0 ? 'bad' : undefined} />
        </div>
        <div className="tt-screen-grid" style={{ gridTemplateColumns: '1fr 1.3fr 1fr', gridTemplateRows: '1.3fr 1fr' }}>
          <Panel title={t('screens.county.byPark')}>
            <UtilisationBars rows={data.byPark} testId="by-park" />
          </Panel>
          <Panel title={t('screens.county.map')} testId="county-map">
            <CountyMap parks={data.parks} />
          </Panel>
          <Requests data={data} />
          <Panel title={t('screens.county.byIndustry')}>
            <UtilisationBars rows={data.byIndustry} testId="by-industry" />
          </Panel>
          <div className="tt-screen-grid" style={{ gridTemplateColumns: '1fr 1fr', minHeight: 0 }}>
            <Maintenance data={data} />
            <Panel title={t('screens.county.projects')}>
              {data.projects === null ? (
                <PendingSlot what={t('screens.county.projectsWhat')} />
              ) : (
                <div className="tt-screen-stack">
                  <ProjectsHeadline projects={data.projects} />
                  <div>
                    <ProjectsBars projects={data.projects} />
                  </div>
                </div>
              )}
            </Panel>
          </div>
          <Panel title={t('screens.county.targets')}>
            {data.targets === null ? <PendingSlot what={t('screens.county.targetsWhat')} /> : <TargetsBars targets={data.targets} />}
          </Panel>
        </div>
      </div>
    </ScreenStage>
  );
}

const axisStyle = {
  axisLabel: { color: SCREEN_MUTED, fontSize: 14 },
  axisLine: { lineStyle: { color: SCREEN_GRID } },
  splitLine: { lineStyle: { color: SCREEN_GRID } },
};

/** The bars of utilisation by park or industry (the top eight); `words` in the screen's language. */
export function utilisationBarsOption(
  rows: CountyScreenView['byPark'],
  words: { machines: string; utilisation: string; noDevices: string },
): ScreenChartOption {
  const shown = rows.slice(0, 8).reverse();
  const { machines, utilisation, noDevices } = words;
  return {
    grid: { left: 150, right: 40, top: 10, bottom: 24 },
    tooltip: {
      trigger: 'axis',
      ...screenTooltip((params) => {
        const p = (params as Array<{ dataIndex: number }>)[0];
        const row = p ? shown[p.dataIndex] : undefined;
        return row ? [row.label, `${machines}: ${row.machines}`, `${utilisation}: ${percent(row.utilisation)}%`] : [];
      }),
    },
    xAxis: { type: 'value', max: 100, ...axisStyle },
    yAxis: {
      type: 'category',
      data: shown.map((r) => r.label),
      axisLabel: { color: SCREEN_TEXT, fontSize: 15, width: 136, overflow: 'truncate' },
      axisLine: { lineStyle: { color: SCREEN_GRID } },
    },
    series: [
      {
        type: 'bar',
        barWidth: 16,
        itemStyle: { color: '#2f8cff', borderRadius: [0, 3, 3, 0] },
        label: {
          show: true,
          position: 'right',
          color: SCREEN_TEXT,
          // A row without devices says so, instead of an empty bar that reads as a plant standing still.
          formatter: (p: { value: unknown; dataIndex: number }) =>
            shown[p.dataIndex]?.machines === 0 ? noDevices : p.value === null ? '—' : `${String(p.value)}%`,
        },
        data: shown.map((r) => (r.machines === 0 ? 0 : r.utilisation === null ? null : Math.round(r.utilisation * 1000) / 10)),
      },
    ],
  };
}

function UtilisationBars({ rows, testId }: { rows: CountyScreenView['byPark']; testId: string }) {
  const { t } = useI18n();
  const option = useMemo<ScreenChartOption>(
    () =>
      utilisationBarsOption(rows, {
        machines: t('screens.county.machines'),
        utilisation: t('screens.county.utilisation'),
        noDevices: t('screens.county.noDevices'),
      }),
    [rows, t],
  );
  return <ScreenChart option={option} testId={testId} />;
}

function CountyMap({ parks }: { parks: CountyScreenView['parks'] }) {
  const { t } = useI18n();
  // Laid out for the chart's own size: the names are placed where they cover nothing.
  const [box, size] = useBoxSize<HTMLDivElement>();
  // Rebuilt when the parks' figures change, not on every snapshot: a rebuilt map grows its dots in again.
  const key = JSON.stringify(parks);
  const option = useMemo<ScreenChartOption | null>(() => {
    const same = JSON.parse(key) as CountyScreenView['parks'];
    return size && countyMapOption(same, { enterprises: t('screens.county.enterprises'), online: t('screens.county.devicesOnline') }, size);
  }, [key, t, size]);
  return (
    <div ref={box} style={{ width: '100%', height: '100%' }}>
      {option && <ScreenChart option={option} testId="county-map-chart" />}
    </div>
  );
}

function Requests({ data }: { data: CountyScreenView }) {
  const { t } = useI18n();
  const r = data.requests;
  const option = useMemo<ScreenChartOption>(() => {
    const shown = r.byDepartment.slice(0, 6).reverse();
    const received = t('screens.county.received');
    const closed = t('screens.county.closed');
    return {
      grid: { left: 130, right: 24, top: 26, bottom: 20 },
      legend: { top: 0, textStyle: { color: SCREEN_TEXT, fontSize: 14 } },
      tooltip: {
        trigger: 'axis',
        ...screenTooltip((params) => {
          const p = (params as Array<{ dataIndex: number }>)[0];
          const row = p ? shown[p.dataIndex] : undefined;
          return row
            ? [
                row.label,
                `${received}: ${row.received}`,
                `${closed}: ${row.closed}`,
                `${t('screens.county.onTimeRate')}: ${percent(row.onTimeRate)}%`,
              ]
            : [];
        }),
      },
      xAxis: { type: 'value', ...axisStyle },
      yAxis: {
        type: 'category',
        data: shown.map((d) => d.label),
        axisLabel: { color: SCREEN_TEXT, fontSize: 14, width: 118, overflow: 'truncate' },
        axisLine: { lineStyle: { color: SCREEN_GRID } },
      },
      series: [
        { name: received, type: 'bar', barGap: '10%', barWidth: 9, itemStyle: { color: '#40a9ff' }, data: shown.map((d) => d.received) },
        { name: closed, type: 'bar', barWidth: 9, itemStyle: { color: '#2fd67b' }, data: shown.map((d) => d.closed) },
      ],
    };
  }, [r.byDepartment, t]);
  return (
    <Panel title={t('screens.county.requests', { year: r.year })} testId="county-requests">
      <div style={{ display: 'flex', flexDirection: 'column', height: '100%' }}>
        <div className="tt-screen-stats">
          <div className="tt-screen-stat">
            <b>{r.received}</b>
            <span>{t('screens.county.received')}</span>
          </div>
          <div className="tt-screen-stat">
            <b>{r.closed}</b>
            <span>{t('screens.county.closed')}</span>
          </div>
          <div className="tt-screen-stat">
            <b>{percent(r.completionRate)}%</b>
            <span>{t('screens.county.completionRate')}</span>
          </div>
          <div className="tt-screen-stat">
            <b>{percent(r.onTimeRate)}%</b>
            <span>{t('screens.county.onTimeRate')}</span>
          </div>
          <div className="tt-screen-stat">
            <b>{percent(r.greenRate)}%</b>
            <span>{t('screens.county.greenRate')}</span>
          </div>
          <div className="tt-screen-stat">
            <b>{r.byDepartment.length}</b>
            <span>{t('screens.county.departments')}</span>
          </div>
        </div>
        <div style={{ flex: 1, minHeight: 0 }}>
          <ScreenChart option={option} testId="requests-by-department" />
        </div>
      </div>
    </Panel>
  );
}

function Maintenance({ data }: { data: CountyScreenView }) {
  const { t } = useI18n();
  const m = data.maintenance;
  return (
    <Panel title={t('screens.county.maintenance')} testId="county-maintenance">
      <div className="tt-screen-stats" style={{ gridTemplateColumns: '1fr 1fr' }}>
        <div className="tt-screen-stat">
          <b>{percent(m.pmCompliance)}%</b>
          <span>{t('screens.county.pmCompliance')}</span>
        </div>
        <div className="tt-screen-stat">
          <b>{percent(m.availability)}%</b>
          <span>{t('screens.county.availability')}</span>
        </div>
        <div className="tt-screen-stat">
          <b>{m.overdue}</b>
          <span>{t('screens.county.overdue')}</span>
        </div>
        <div className="tt-screen-stat">
          <b>{m.mttrHours === null ? '—' : m.mttrHours.toFixed(1)}</b>
          <span>{t('screens.county.mttr')}</span>
        </div>
      </div>
    </Panel>
  );
}

/** The seed's headline: projects of 10 M and 100 M yuan and more, and the latter's share of the year's planned investment. */
function ProjectsHeadline({ projects }: { projects: NonNullable<CountyScreenView['projects']> }) {
  const { t, locale } = useI18n();
  const band = (name: string) => projects.bySize.find((b) => b.band === name);
  const ge10m = band('ge10m');
  const ge100m = band('ge100m');
  if (!ge10m || !ge100m) return null;
  return (
    <div className="tt-screen-headline" data-testid="projects-headline">
      {t('screens.county.projectsHeadline', {
        ge10m: ge10m.count,
        ge100m: ge100m.count,
        planned: formatNumber(ge100m.plannedYearWan / 10_000, locale, 2),
        share: formatNumber(ge100m.shareOfYearPlan * 100, locale, 2),
      })}
    </div>
  );
}

function ProjectsBars({ projects }: { projects: NonNullable<CountyScreenView['projects']> }) {
  const option = useMemo<ScreenChartOption>(
    () => ({
      grid: { left: 60, right: 16, top: 16, bottom: 24 },
      tooltip: {
        trigger: 'axis',
        ...screenTooltip((params) => (params as Array<{ name: string; value: number }>).map((p) => `${p.name}: ${p.value}`)),
      },
      xAxis: { type: 'category', data: projects.byStage.map((s) => s.label), axisLabel: { color: SCREEN_TEXT, fontSize: 13 } },
      yAxis: { type: 'value', ...axisStyle },
      series: [{ type: 'bar', barWidth: 18, itemStyle: { color: '#9254de' }, data: projects.byStage.map((s) => s.count) }],
    }),
    [projects],
  );
  return <ScreenChart option={option} testId="projects-chart" />;
}

function TargetsBars({ targets }: { targets: NonNullable<CountyScreenView['targets']> }) {
  return (
    <div>
      {targets.items.map((item) => (
        <div className="tt-screen-alarm" key={item.name} style={{ borderBottomColor: 'rgba(64, 140, 255, 0.15)' }}>
          <span className="tt-screen-ellipsis" style={{ gridColumn: 'span 2' }}>
            {item.name}
          </span>
          <span className="tt-screen-status">
            {percent(item.progress)}% / {percent(item.expected)}%
          </span>
        </div>
      ))}
    </div>
  );
}
