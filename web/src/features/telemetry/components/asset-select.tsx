import { useState } from 'react';
import { Select } from 'antd';
import { useI18n } from '@/lib/i18n';
import { useAssetOptions } from '../api/get-asset-options';

/** The asset a device reports for, picked by code or name; the server searches. */
export function AssetSelect({
  value,
  onChange,
  testId,
}: {
  value?: string | null;
  onChange?: (value: string | null) => void;
  testId?: string;
}) {
  const { t } = useI18n();
  const [search, setSearch] = useState<string | undefined>(undefined);
  const assets = useAssetOptions(search);
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: (text) => setSearch(text || undefined) }}
      allowClear
      value={value ?? undefined}
      onChange={(next: string | undefined) => onChange?.(next ?? null)}
      loading={assets.isFetching}
      placeholder={t('device.assetPlaceholder')}
      options={(assets.data?.items ?? []).map((asset) => ({ value: asset.id, label: `${asset.code} ${asset.name}` }))}
      data-testid={testId}
      style={{ width: '100%' }}
    />
  );
}
