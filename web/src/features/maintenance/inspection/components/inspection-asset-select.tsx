import { useState } from 'react';
import { Select } from 'antd';
import { useI18n } from '@/lib/i18n';
import { useInspectionAssets } from '../api/get-inspection-assets';

/** The asset a point stands at, picked by code or name; the server searches. */
export function InspectionAssetSelect({ value, onChange }: { value?: string; onChange?: (value: string | undefined) => void }) {
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
      options={(assets.data?.items ?? []).map((asset) => ({ value: asset.id, label: `${asset.code} ${asset.name}` }))}
      data-testid="point-asset"
      style={{ width: '100%' }}
    />
  );
}
