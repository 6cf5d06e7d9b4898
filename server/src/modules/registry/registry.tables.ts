import type { DepartmentKind } from '@tiantai/shared';
import type { OrganisationsTable } from '../identity';

export interface ParksTable {
  id: string;
  name: string;
  kind: 'park' | 'zone';
  /** JSON array of township names. */
  towns: string;
  area_km2: number | null;
  planned_investment_wan: number | null;
  description: string | null;
  created_at: string;
  updated_at: string;
}

/** `id` is the department's organisation id; the name lives on the organisation. */
export interface DepartmentsTable {
  id: string;
  short_name: string | null;
  kind: DepartmentKind;
  accepts_requests: number;
  contact_name: string | null;
  contact_phone: string | null;
  created_at: string;
  updated_at: string;
}

/** `id` is the enterprise's organisation id, the tenant key of everything the enterprise owns. */
export interface EnterprisesTable {
  id: string;
  credit_code: string | null;
  credit_code_valid: number | null;
  industry_code: string | null;
  above_scale: number;
  park_id: string | null;
  township: string | null;
  address: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  created_at: string;
  updated_at: string;
}

export interface RegistryTables {
  parks: ParksTable;
  departments: DepartmentsTable;
  enterprises: EnterprisesTable;
  organisations: OrganisationsTable;
}
