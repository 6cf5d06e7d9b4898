import { useEffect, useState } from 'react';
import type { CSSProperties, ReactNode } from 'react';
import { countyDayjs, countyTimeZone } from '@/lib/format';
import type { RealtimeStatus } from '@/lib/realtime';
import { useI18n } from '@/lib/i18n';

/** The county's wall clock (its zone from the snapshot), whatever the display's own zone. */
function Clock({ timeZone }: { timeZone: string }) {
  const [at, setAt] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setAt(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const now = countyDayjs(at, timeZone);
  return (
    <div className="tt-screen-clock" data-testid="screen-clock">
      {now.format('HH:mm:ss')}
      <small>{now.format('YYYY-MM-DD dddd')}</small>
    </div>
  );
}

/**
 * Organisation and place on the left, the screen's title in the middle, the clock and the live dot on the right.
 * `timeZone`: the county's, as the snapshot carries it (a kiosk display has no session); until it has arrived,
 * the one the session gave.
 */
export function ScreenHeader({
  title,
  organisation,
  place,
  status,
  timeZone,
}: {
  title: string;
  organisation: string;
  place: string | null;
  status: RealtimeStatus;
  timeZone?: string;
}) {
  const { t } = useI18n();
  return (
    <header className="tt-screen-header">
      <div className="tt-screen-org" data-testid="screen-organisation">
        <span className="tt-screen-live" data-status={status} data-testid="screen-live" title={t(`screens.live.${status}`)} />
        {organisation}
        {place !== null && <small data-testid="screen-place">{place}</small>}
      </div>
      <div className="tt-screen-title">{title}</div>
      <Clock timeZone={timeZone ?? countyTimeZone()} />
    </header>
  );
}

export function Tile({
  label,
  value,
  unit,
  tone,
  testId,
}: {
  label: string;
  value: string | number;
  unit?: string;
  tone?: 'good' | 'bad' | 'warn';
  testId?: string;
}) {
  return (
    <div className="tt-screen-tile" data-tone={tone} data-testid={testId}>
      <div className="tt-screen-tile-label">{label}</div>
      <div className="tt-screen-tile-value">
        {value}
        {unit && <small>{unit}</small>}
      </div>
    </div>
  );
}

export function Panel({
  title,
  note,
  children,
  style,
  testId,
}: {
  title: string;
  note?: string;
  children: ReactNode;
  style?: CSSProperties;
  testId?: string;
}) {
  return (
    <section className="tt-screen-panel" style={style} data-testid={testId}>
      <div className="tt-screen-panel-title">
        {title}
        {note && <small>{note}</small>}
      </div>
      <div className="tt-screen-panel-body">{children}</div>
    </section>
  );
}

/** A slot whose module is being built elsewhere: shows 待接入 until the lead wires it in. */
export function PendingSlot({ what }: { what: string }) {
  const { t } = useI18n();
  return (
    <div className="tt-screen-pending" data-testid="screen-pending">
      {t('screens.pending')}
      <small>{what}</small>
    </div>
  );
}

/** 0.873 → "87.3"; null → "—". */
export function percent(value: number | null, digits = 1): string {
  return value === null ? '—' : (value * 100).toFixed(digits);
}
