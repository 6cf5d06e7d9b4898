import { Tag, Tooltip } from 'antd';
import type { ProjectSignal, ProjectStage } from '@tiantai/shared';
import { useI18n } from '@/lib/i18n';
import type { MessageKey } from '@/lib/i18n';
import { formatMoneyPair } from '@/lib/money';

export const STAGE_ORDER: readonly ProjectStage[] = ['negotiating', 'signed', 'landed', 'started', 'producing', 'at_capacity'];

const STAGE_COLOUR: Record<ProjectStage, string> = {
  negotiating: 'default',
  signed: 'cyan',
  landed: 'blue',
  started: 'geekblue',
  producing: 'green',
  at_capacity: 'success',
  terminated: 'error',
};

export const stageKey = (stage: ProjectStage) => `projects.stage.${stage}` as MessageKey;

export function StageTag({ stage }: { stage: ProjectStage }) {
  const { t } = useI18n();
  return <Tag color={STAGE_COLOUR[stage]}>{t(stageKey(stage))}</Tag>;
}

const SIGNAL_COLOUR = { green: 'success', yellow: 'warning', red: 'error' } as const;

/** 序时进度: the colour and, on hover, why. */
export function SignalTag({ signal }: { signal: ProjectSignal }) {
  const { t, locale } = useI18n();
  if (!signal.colour) return <span style={{ color: '#999' }}>—</span>;
  const reasons = signal.reasons.map((r) => {
    if (r.kind !== 'investment_behind') return t('projects.signal.milestoneLate', { name: r.name, date: r.plannedDate, days: r.daysLate });
    const [expected, completed] = formatMoneyPair(r.expectedWan, r.completedWan, locale);
    return t('projects.signal.investmentBehind', { expected, completed });
  });
  const tag = (
    <Tag color={SIGNAL_COLOUR[signal.colour]} data-testid="signal-tag">
      {t(`projects.signal.${signal.colour}` as MessageKey)}
    </Tag>
  );
  return reasons.length > 0 ? (
    <Tooltip
      title={reasons.map((r, i) => (
        <div key={i}>{r}</div>
      ))}
    >
      {tag}
    </Tooltip>
  ) : (
    tag
  );
}
