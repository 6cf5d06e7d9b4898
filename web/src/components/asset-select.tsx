import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import type { AssetView, Paged } from '@tiantai/shared';
import { api } from '@/lib/api-client';

interface AssetOption {
  id: string;
  code: string;
  name: string;
}

/**
 * An asset of the signed-in enterprise picked by code or name; the server searches, so large fleets stay
 * quick. `initial` names the asset already chosen, which need not be among the first results.
 */
export function AssetSelect({
  value,
  onChange,
  placeholder,
  initial,
  testId,
  disabled,
  id,
  'aria-label': ariaLabel,
}: {
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  placeholder: string;
  initial?: AssetOption | undefined;
  testId?: string;
  disabled?: boolean;
  /** Set by a Form.Item, so that its label names the box. */
  id?: string;
  /** The name where no label points at the box. */
  'aria-label'?: string;
}) {
  const [search, setSearch] = useState<string | undefined>(undefined);
  const assets = useQuery({
    queryKey: ['asset-options', search ?? ''],
    queryFn: ({ signal }) => api.get<Paged<AssetView>>('/api/assets', { q: search?.trim(), page: 1, pageSize: 50 }, signal),
    placeholderData: keepPreviousData,
  });
  const found: AssetOption[] = assets.data?.items ?? [];
  const options = initial && !found.some((a) => a.id === initial.id) ? [initial, ...found] : found;
  return (
    <Select
      id={id}
      aria-label={ariaLabel}
      showSearch={{ filterOption: false, onSearch: (text) => setSearch(text || undefined) }}
      allowClear
      disabled={disabled}
      value={value ?? undefined}
      onChange={(next: string | undefined) => onChange?.(next)}
      loading={assets.isFetching}
      placeholder={placeholder}
      options={options.map((asset) => ({ value: asset.id, label: `${asset.code} ${asset.name}` }))}
      data-testid={testId}
      style={{ width: '100%' }}
    />
  );
}
