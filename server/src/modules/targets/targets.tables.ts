import type { IdentityTables } from '../identity';
import type { RegistryTables } from '../registry';

export interface IndicatorsTable {
  id: string;
  code: string;
  name_zh: string;
  name_en: string;
  unit: string;
  base_year: number;
  base_value: number;
  target_year: number;
  target_value: number;
  target_note: string | null;
  drill_kind: 'projects' | 'enterprises' | null;
  /** JSON: for enterprises { aboveScale?: boolean, industryPrefixes?: string[] }. */
  drill_filter: string | null;
  sort: number;
  created_at: string;
}

export interface IndicatorYearsTable {
  indicator_id: string;
  year: number;
  target_value: number | null;
  actual_value: number | null;
  /** 'YYYY-MM' when the actual covers part of the year; null for a full year. */
  actual_through: string | null;
  updated_at: string;
}

export interface TargetTasksTable {
  id: string;
  indicator_id: string;
  year: number;
  title: string;
  department_id: string;
  start_date: string;
  deadline: string;
  progress: number;
  last_report_at: string | null;
  created_at: string;
}

export interface TaskReportsTable {
  id: string;
  task_id: string;
  at: string;
  progress: number;
  note: string;
  actor_user_id: string | null;
  actor_name: string | null;
}

export interface TargetTables
  extends Pick<IdentityTables, 'organisations' | 'users'>, Pick<RegistryTables, 'enterprises' | 'departments' | 'parks'> {
  indicators: IndicatorsTable;
  indicator_years: IndicatorYearsTable;
  target_tasks: TargetTasksTable;
  task_reports: TaskReportsTable;
}
