import type { ScreenKind } from '@tiantai/shared';
import type { IdentityTables } from '../identity';

/** A read-only kiosk token for one screen; only its SHA-256 is kept. */
export interface ScreenTokensTable {
  id: string;
  name: string;
  screen: ScreenKind;
  /** null for the county screen. */
  enterprise_id: string | null;
  plant_id: string | null;
  prefix: string;
  token_hash: string;
  created_by: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** users: a token works only while its creator may still manage it (checked at each use). */
export interface ScreenTables extends Pick<IdentityTables, 'users'> {
  screen_tokens: ScreenTokensTable;
}
