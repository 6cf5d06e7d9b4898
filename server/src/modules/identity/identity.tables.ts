import type { Generated } from 'kysely';
import type { ApiTokenScope, OrganisationKind, Role } from '@tiantai/shared';

export interface OrganisationsTable {
  id: string;
  kind: OrganisationKind;
  name: string;
  created_at: string;
}

export interface UsersTable {
  id: string;
  organisation_id: string;
  username: string;
  display_name: string;
  role: Role;
  phone: string | null;
  password_hash: string;
  active: number;
  /** 1: every request but the password change is refused until the user chooses a new password. */
  must_change_password: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  /** sha256 of the cookie value: a leaked table does not leak sessions. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  prefix: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  /** null: until revoked. */
  expires_at: string | null;
  /** 'full': every right of its user; 'read': GET and HEAD only. */
  scope: Generated<ApiTokenScope>;
}

export interface AuditLogTable {
  id: string;
  at: string;
  actor_user_id: string | null;
  actor_username: string | null;
  organisation_id: string | null;
  action: string;
  entity: string;
  entity_id: string;
  before: string | null;
  after: string | null;
}

export interface AppStateTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface IdentityTables {
  organisations: OrganisationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  app_state: AppStateTable;
}
