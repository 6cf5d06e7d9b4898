import { useState } from 'react';
import { Select } from 'antd';
import { useI18n } from '@/lib/i18n';
import { useInspectionAssets } from '../api/get-inspection-assets';

/** The asset a point stands at, picked by code or name; the server searches. `initial` names the one already chosen. */
export function InspectionAssetSelect({
  value,
  onChange,
  initial,
}: {
  value?: string;
  onChange?: (value: string | undefined) => void;
  initial?: { id: string; code: string; name: string } | undefined;
}) {
  const { t } = useI18n();
  const [search, setSearch] = useState<string | undefined>(undefined);
  const assets = useInspectionAssets(search);
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: (text) => setSearch(text || undefined) }}
      allowClear
      value={value}
      onChange={(next: string | undefined) => onChange?.(next)}
      loading={assets.isFetching}
      placeholder={t('inspection.point.assetPlaceholder')}
      options={[...(initial && !assets.data?.items.some((a) => a.id === initial.id) ? [initial] : []), ...(assets.data?.items ?? [])].map(
        (asset) => ({ value: asset.id, label: `${asset.code} ${asset.name}` }),
      )}
      data-testid="point-asset"
      style={{ width: '100%' }}
    />
  );
}
