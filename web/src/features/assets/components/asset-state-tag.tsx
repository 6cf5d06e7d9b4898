import { Tag } from 'antd';
import type { AssetState } from '@tiantai/shared';
import { useI18n } from '@/lib/i18n';

/** Green while it runs, amber or red while it is down for work, grey before and after its working life. */
const STATE_COLOURS: Record<AssetState, string> = {
  planned: 'default',
  commissioned: 'cyan',
  in_service: 'success',
  under_maintenance: 'warning',
  under_repair: 'error',
  idle: 'blue',
  scrapped: 'default',
};

export function AssetStateTag({ state, testId }: { state: AssetState; testId?: string }) {
  const { t } = useI18n();
  return (
    <Tag color={STATE_COLOURS[state]} data-testid={testId} data-state={state} style={{ marginInlineEnd: 0 }}>
      {t(`assetState.${state}`)}
    </Tag>
  );
}
