import { Flex, Progress, Typography } from 'antd';
import type { AssetView } from '@tiantai/shared';
import { formatNumber } from '@/lib/format';
import { useI18n } from '@/lib/i18n';

/** At this share of its design life a mold is due for replacement or overhaul: the bar turns red. */
export const END_OF_LIFE_SHARE = 0.9;

/** Shots so far against the mold's design life; nothing for assets without a design life. */
export function MoldLifeBar({ asset, wide = false }: { asset: Pick<AssetView, 'shots' | 'designLifeShots'>; wide?: boolean }) {
  const { t, locale } = useI18n();
  if (!asset.designLifeShots) return <Typography.Text type="secondary">—</Typography.Text>;
  const shots = asset.shots ?? 0;
  const share = shots / asset.designLifeShots;
  const near = share >= END_OF_LIFE_SHARE;
  const percent = Math.min(100, Math.round(share * 1000) / 10);
  return (
    <Flex
      vertical
      gap={0}
      style={{ minWidth: wide ? 220 : 116 }}
      data-testid="mold-life"
      data-shots={shots}
      data-percent={Math.round(share * 1000) / 10}
      data-near={near}
    >
      <Progress
        percent={percent}
        aria-label={`${t('asset.life')} ${formatNumber(percent, locale, 1)}%`}
        size="small"
        status={near ? 'exception' : 'normal'}
        strokeColor={near ? '#cf1322' : undefined}
        format={(percent) => `${percent ?? 0}%`}
      />
      <Typography.Text type={near ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
        {t('asset.shotsOf', { shots: formatNumber(shots, locale, 0), life: formatNumber(asset.designLifeShots, locale, 0) })}
      </Typography.Text>
    </Flex>
  );
}
