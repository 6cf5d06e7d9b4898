import { useState } from 'react';
import { Select } from 'antd';
import { useI18n } from '@/lib/i18n';
import { useAssetOptions } from '../api/get-asset-options';

/** An asset picked by code or name; the server searches, so large fleets stay quick. */
export function AssetSelect({
  value,
  onChange,
  testId,
  disabled,
}: {
  value?: string;
  onChange?: (value: string | undefined) => void;
  testId?: string;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  const [search, setSearch] = useState<string | undefined>(undefined);
  const assets = useAssetOptions(search);
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: (text) => setSearch(text || undefined) }}
      allowClear
      disabled={disabled}
      value={value}
      onChange={(next: string | undefined) => onChange?.(next)}
      loading={assets.isFetching}
      placeholder={t('workOrder.searchAsset')}
      options={(assets.data?.items ?? []).map((asset) => ({
        value: asset.id,
        label: `${asset.code} ${asset.name}`,
      }))}
      data-testid={testId}
      style={{ width: '100%' }}
    />
  );
}
