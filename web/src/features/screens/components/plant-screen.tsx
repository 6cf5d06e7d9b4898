// The plant screen (one 厂区, or the whole enterprise): KPI tiles, the machine board (paged when the plant has
// more machines than fit, bigger tiles when it has few), the scrolling 保养/巡检/维修 ticker, alarms, and
// utilisation and MTTR over the week. Every name is React text.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CSSProperties } from 'react';
import type { DomainEvent, MachineState, PlantScreenView, TickerItemView } from '@tiantai/shared';
import { isApiError } from '@/lib/api-client';
import { describeError } from '@/lib/error-message';
import { useI18n } from '@/lib/i18n';
import type { Translate } from '@/lib/i18n';
import { plantScreenQueryKey, usePlantScreen } from '../api/get-plant-screen';
import { asPercent, bucketValues, datesBetween } from '@/lib/chart-series';
import { boardLayout, machinePages } from './machine-pages';
import { SCREEN_GRID, SCREEN_MUTED, SCREEN_TEXT, ScreenChart, screenTooltip, type ScreenChartOption } from './screen-chart';
import { Panel, ScreenHeader, Tile, percent } from './screen-header';
import { ScreenStage } from './screen-stage';
import { useBoxSize } from './use-box-size';
import { useScreenFeed } from './use-screen-feed';
import { formatDateTime } from '@/lib/format';

const MACHINE_STATE_COLOURS: Record<MachineState, string> = { running: '#2fd67b', idle: '#f5c04a', down: '#ff4d4f', offline: '#5b6b80' };
const TICKER_SCROLL_AFTER = 8;
/** Machine states and alarms are applied in the browser in full; other events also refetch the snapshot. */
const APPLIED_IN_FULL = new Set<DomainEvent['type']>(['machine.state_changed', 'alarm.raised', 'alarm.cleared', 'telemetry.summary']);
const refetchOn = (event: DomainEvent) => !APPLIED_IN_FULL.has(event.type);

/** The event applied to the snapshot: new and changed work orders, machine states, alarms. */
function applyEvent(screen: PlantScreenView, event: DomainEvent): PlantScreenView {
  switch (event.type) {
    case 'work_order.created':
    case 'work_order.changed': {
      const item: TickerItemView = {
        workOrderId: event.workOrderId,
        number: event.number,
        kind: event.kind,
        status: event.status,
        title: event.title ?? '',
        assetCode: event.assetCode ?? '',
        at: event.at,
      };
      const known = screen.ticker.some((i) => i.workOrderId === event.workOrderId);
      const ticker = [item, ...screen.ticker.filter((i) => i.workOrderId !== event.workOrderId)].slice(0, 20);
      const openWorkOrders = screen.tiles.openWorkOrders + (event.type === 'work_order.created' && !known ? 1 : 0);
      return { ...screen, ticker, tiles: { ...screen.tiles, openWorkOrders } };
    }
    case 'machine.state_changed': {
      const lines = screen.lines.map((line) => ({
        ...line,
        machines: line.machines.map((m) => (m.assetId === event.assetId ? { ...m, state: event.state, since: event.since } : m)),
      }));
      const machines = lines.flatMap((l) => l.machines);
      const count = (state: MachineState) => machines.filter((m) => m.state === state).length;
      const tiles = { ...screen.tiles, online: machines.length - count('offline'), running: count('running'), down: count('down') };
      return { ...screen, lines, tiles };
    }
    case 'alarm.raised': {
      const code = screen.lines.flatMap((l) => l.machines).find((m) => m.assetId === event.assetId)?.code ?? null;
      const alarm = {
        id: event.alarmId,
        assetId: event.assetId,
        assetCode: code,
        severity: event.severity,
        message: event.message ?? '',
        raisedAt: event.at,
      };
      return { ...screen, alarms: [alarm, ...screen.alarms.filter((a) => a.id !== event.alarmId)] };
    }
    case 'alarm.cleared':
      return { ...screen, alarms: screen.alarms.filter((a) => a.id !== event.alarmId) };
    default:
      return screen;
  }
}

export function PlantScreen({
  plantId,
  token,
  rotateSeconds = 10,
}: {
  plantId: string | null;
  token: string | undefined;
  /** How long each page of the machine board stays up. */
  rotateSeconds?: number;
}) {
  const { t } = useI18n();
  const screen = usePlantScreen(plantId, token);
  const queryKey = useMemo(() => plantScreenQueryKey(plantId, token), [plantId, token]);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const apply = useCallback((snapshot: PlantScreenView, event: DomainEvent) => {
    if (event.type === 'work_order.created' || event.type === 'work_order.changed')
      setFresh((before) => new Set(before).add(`${event.workOrderId}:${event.status}`));
    return applyEvent(snapshot, event);
  }, []);
  const status = useScreenFeed({ queryKey, token, plantId: plantId ?? undefined, apply, refetchOn });

  // A revoked kiosk token: the display says so instead of showing figures that no longer update.
  const data = token && isApiError(screen.error, 'UNAUTHENTICATED') ? undefined : screen.data;
  const title = t('screens.plant.title');
  if (!data) {
    return (
      <ScreenStage testId="plant-screen">
        <ScreenHeader title={title} organisation="" place={null} status={status} />
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
  return (
    <ScreenStage testId="plant-screen">
      <ScreenHeader
        title={title}
        organisation={data.enterpriseName}
        place={data.plantName ?? t('screens.plant.allPlants')}
        status={status}
        timeZone={data.timeZone}
      />
      <div className="tt-screen-body">
        <KpiTiles data={data} />
        <div className="tt-screen-grid" style={{ gridTemplateColumns: '1.72fr 1fr', gridTemplateRows: '1.55fr 1fr' }}>
          <MachineBoard data={data} rotateSeconds={rotateSeconds} />
          <Ticker items={data.ticker} fresh={fresh} />
          <WeekChart data={data} />
          <Alarms data={data} />
        </div>
      </div>
    </ScreenStage>
  );
}

function KpiTiles({ data }: { data: PlantScreenView }) {
  const { t } = useI18n();
  const { tiles } = data;
  return (
    <div className="tt-screen-tiles">
      <Tile label={t('screens.tile.online')} value={`${tiles.online}/${tiles.machines}`} testId="tile-online" />
      <Tile label={t('screens.tile.running')} value={tiles.running} tone="good" testId="tile-running" />
      <Tile label={t('screens.tile.down')} value={tiles.down} tone={tiles.down > 0 ? 'bad' : undefined} testId="tile-down" />
      <Tile label={t('screens.tile.utilisationToday')} value={percent(tiles.utilisationToday)} unit="%" testId="tile-utilisation" />
      <Tile label={t('screens.tile.openWorkOrders')} value={tiles.openWorkOrders} tone="warn" testId="tile-open-work-orders" />
      <Tile
        label={t('screens.tile.overdue')}
        value={tiles.overdueMaintenance}
        tone={tiles.overdueMaintenance > 0 ? 'bad' : 'good'}
        testId="tile-overdue"
      />
      <Tile
        label={t('screens.tile.moldsNearEnd')}
        value={tiles.moldsNearEnd}
        tone={tiles.moldsNearEnd > 0 ? 'warn' : undefined}
        testId="tile-molds"
      />
    </div>
  );
}

/** The page shown: the next one every `seconds`, round and round. */
function useRotation(pages: number, seconds: number): number {
  const [page, setPage] = useState(0);
  useEffect(() => {
    if (pages <= 1) return;
    const timer = setInterval(() => setPage((p) => (p + 1) % pages), seconds * 1000);
    return () => clearInterval(timer);
  }, [pages, seconds]);
  return pages === 0 ? 0 : page % pages;
}

function MachineBoard({ data, rotateSeconds }: { data: PlantScreenView; rotateSeconds: number }) {
  const { t } = useI18n();
  const [box, size] = useBoxSize<HTMLDivElement>();
  const machines = useMemo(
    () => data.lines.flatMap((line) => line.machines.map((m) => ({ ...m, lineName: line.lineName ?? t('screens.board.noLine') }))),
    [data.lines, t],
  );
  const layout = size ? boardLayout(machines.length, size) : null;
  const perPage = layout?.perPage ?? 0;
  const pages = useMemo(() => (perPage > 0 ? machinePages(machines, perPage) : []), [machines, perPage]);
  const page = useRotation(pages.length, rotateSeconds);
  const tileHeight = layout ? Math.floor(layout.tileHeight) : 0;
  const grid: CSSProperties | undefined = layout
    ? {
        gridTemplateColumns: `repeat(${layout.columns}, ${Math.floor(layout.tileWidth)}px)`,
        gridAutoRows: `${tileHeight}px`,
        // Bigger tiles, bigger words: the name from 17 px (the smallest tile) up to 30 px.
        ['--tt-machine-name' as string]: `${Math.round(Math.min(30, Math.max(17, tileHeight * 0.25)))}px`,
        ['--tt-machine-detail' as string]: `${Math.round(Math.min(20, Math.max(14, tileHeight * 0.17)))}px`,
      }
    : undefined;
  return (
    <Panel title={t('screens.board.title')} testId="machine-board">
      <div className="tt-screen-board">
        <div className="tt-screen-board-bar">
          <div className="tt-screen-legend">
            {(Object.keys(MACHINE_STATE_COLOURS) as MachineState[]).map((state) => (
              <span key={state}>
                <i style={{ background: MACHINE_STATE_COLOURS[state] }} />
                {t(`screens.state.${state}`)}
              </span>
            ))}
          </div>
          {pages.length > 1 && (
            <div
              className="tt-screen-board-pages"
              data-testid="board-pages"
              data-page={page + 1}
              data-pages={pages.length}
              aria-label={t('screens.board.page', { page: page + 1, pages: pages.length })}
            >
              {pages.map((_, i) => (
                <i key={i} data-current={i === page || undefined} />
              ))}
              <b>
                {page + 1}/{pages.length}
              </b>
            </div>
          )}
        </div>
        {machines.length === 0 && <div className="tt-screen-empty">{t('screens.board.empty')}</div>}
        <div
          className="tt-screen-board-tiles"
          ref={box}
          style={grid}
          data-testid="board-page"
          data-tall={tileHeight >= 86 || undefined}
          data-paged={pages.length > 1 || undefined}
        >
          {(pages[page] ?? []).map((m) => (
            <div className="tt-screen-machine" data-state={m.state} key={m.assetId} data-testid={`machine-${m.code}`}>
              <b>{m.name}</b>
              <span>
                {m.code} · {t(`screens.state.${m.state}`)}
              </span>
              <small>{m.lineName}</small>
            </div>
          ))}
        </div>
        {/* How long until the next page: a thin bar across the board's foot, restarted on every page. */}
        {pages.length > 1 && <div className="tt-screen-board-progress" key={page} style={{ animationDuration: `${rotateSeconds}s` }} />}
      </div>
    </Panel>
  );
}

function Ticker({ items, fresh }: { items: TickerItemView[]; fresh: ReadonlySet<string> }) {
  const { t } = useI18n();
  const scroll = items.length > TICKER_SCROLL_AFTER;
  const rows = (copy: number) =>
    items.map((item) => (
      <li
        key={`${copy}-${item.workOrderId}`}
        data-fresh={fresh.has(`${item.workOrderId}:${item.status}`)}
        data-testid={copy === 0 ? 'ticker-item' : undefined}
        aria-hidden={copy === 1 || undefined}
      >
        <span className="tt-screen-kind" data-kind={item.kind}>
          {t(`screens.kind.${item.kind}`)}
        </span>
        <span className="tt-screen-ellipsis">
          <small>{item.assetCode}</small>
          {item.title}
        </span>
        <span className="tt-screen-status">{t(`screens.status.${item.status}`)}</span>
      </li>
    ));
  return (
    <Panel title={t('screens.ticker.title')} testId="ticker">
      {items.length === 0 ? (
        <div className="tt-screen-empty">{t('screens.ticker.empty')}</div>
      ) : (
        // Long lists scroll as a loop: the rows twice, moved up by one copy's height. A new first row
        // restarts the loop (key) after a pause, so what just happened stays at the top for a while.
        <ul
          key={`${items[0]!.workOrderId}:${items[0]!.status}`}
          className={`tt-screen-ticker${scroll ? ' tt-screen-ticker-scroll' : ''}`}
          style={scroll ? { animationDuration: `${items.length * 3}s`, animationDelay: '8s' } : undefined}
        >
          {rows(0)}
          {scroll && rows(1)}
        </ul>
      )}
    </Panel>
  );
}

function Alarms({ data }: { data: PlantScreenView }) {
  const { t } = useI18n();
  return (
    <Panel title={t('screens.alarms.title')} testId="alarms">
      {data.alarms.length === 0 && <div className="tt-screen-empty">{t('screens.alarms.empty')}</div>}
      {data.alarms.slice(0, 8).map((a) => (
        <div className="tt-screen-alarm" key={a.id} data-testid="alarm-item">
          <span className="tt-screen-severity" data-severity={a.severity}>
            {t(`screens.severity.${a.severity}`)}
          </span>
          <span className="tt-screen-ellipsis">
            <small>{a.assetCode ?? ''}</small>
            {a.message}
          </span>
          <span className="tt-screen-status">{formatDateTime(a.raisedAt).slice(11)}</span>
        </div>
      ))}
    </Panel>
  );
}

/** The week's utilisation, availability and MTTR: a day without data is a gap (null), never 0. */
export function weekChartOption(
  week: PlantScreenView['week'],
  words: { utilisation: string; availability: string; mttr: string; noData: string },
): ScreenChartOption {
  const days = week.length === 0 ? [] : datesBetween(week[0]!.date, week[week.length - 1]!.date);
  const values = (value: (d: PlantScreenView['week'][number]) => number | null) => bucketValues(days, week, (d) => d.date, value);
  const utilisation = values((d) => asPercent(d.utilisation));
  const availability = values((d) => asPercent(d.availability));
  const mttr = values((d) => d.mttrHours);
  const line = { type: 'line' as const, smooth: true, connectNulls: false, showSymbol: true, symbolSize: 8 };
  return {
    grid: { left: 56, right: 56, top: 40, bottom: 46 },
    legend: { top: 0, textStyle: { color: SCREEN_TEXT, fontSize: 15 } },
    tooltip: {
      trigger: 'axis',
      ...screenTooltip((params) => {
        const list = params as Array<{ dataIndex: number; seriesName: string; value: number | null }>;
        const day = list[0] ? days[list[0].dataIndex] : undefined;
        return [day ?? '', ...list.map((p) => `${p.seriesName}: ${p.value ?? words.noData}`)];
      }),
    },
    xAxis: {
      type: 'category',
      data: days.map((d) => d.slice(5)),
      // A day nobody watched says so under its date, instead of a point at 0 %.
      axisLabel: {
        color: SCREEN_MUTED,
        fontSize: 14,
        formatter: (label: string, index: number) => (utilisation[index] === null ? `${label}\n${words.noData}` : label),
      },
      axisLine: { lineStyle: { color: SCREEN_GRID } },
    },
    yAxis: [
      {
        type: 'value',
        min: 0,
        max: 100,
        name: '%',
        nameTextStyle: { color: SCREEN_MUTED },
        axisLabel: { color: SCREEN_MUTED },
        splitLine: { lineStyle: { color: SCREEN_GRID } },
      },
      {
        type: 'value',
        min: 0,
        name: 'h',
        nameTextStyle: { color: SCREEN_MUTED },
        axisLabel: { color: SCREEN_MUTED },
        splitLine: { show: false },
      },
    ],
    series: [
      { name: words.mttr, type: 'bar', yAxisIndex: 1, barWidth: 22, itemStyle: { color: 'rgba(255, 122, 69, 0.75)' }, data: mttr },
      { name: words.availability, ...line, itemStyle: { color: '#40a9ff' }, data: availability },
      { name: words.utilisation, ...line, itemStyle: { color: '#2fd67b' }, data: utilisation },
    ],
  };
}

function WeekChart({ data }: { data: PlantScreenView }) {
  const { t } = useI18n();
  const option = useMemo(() => weekChartOption(data.week, weekWords(t)), [data.week, t]);
  return (
    <Panel title={t('screens.week.title')}>
      <ScreenChart option={option} testId="week-chart" />
    </Panel>
  );
}

const weekWords = (t: Translate) => ({
  utilisation: t('screens.week.utilisation'),
  availability: t('screens.week.availability'),
  mttr: t('screens.week.mttr'),
  noData: t('screens.week.noData'),
});
