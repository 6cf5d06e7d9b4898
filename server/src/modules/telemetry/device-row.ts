import { randomUUID } from 'node:crypto';
import type { DevicesTable } from './telemetry.tables';

/** A new device's row: what identifies and binds it; counters at zero, never seen yet. */
export function newDeviceRow(
  fields: Pick<DevicesTable, 'enterprise_id' | 'name' | 'kind' | 'device_type' | 'access_token'> &
    Partial<Pick<DevicesTable, 'id' | 'asset_id' | 'gateway_id'>>,
  at = new Date().toISOString(),
): DevicesTable {
  return {
    id: randomUUID(),
    asset_id: null,
    gateway_id: null,
    last_seen_at: null,
    connected: 0,
    messages: 0,
    points: 0,
    rejected_malformed: 0,
    rejected_rate: 0,
    rejected_size: 0,
    rejected_topic: 0,
    rejected_limit: 0,
    rejected_client_id: 0,
    created_at: at,
    updated_at: at,
    ...fields,
  };
}
