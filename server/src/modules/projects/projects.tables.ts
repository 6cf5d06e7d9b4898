import type { ProjectIndustry, ProjectStage } from '@tiantai/shared';
import type { IdentityTables } from '../identity';
import type { RegistryTables } from '../registry';

export interface ProjectsTable {
  id: string;
  name: string;
  /** The tenant key: null for a new investor not (yet) in the register. */
  enterprise_id: string | null;
  investor_name: string | null;
  park_id: string | null;
  industry: ProjectIndustry;
  stage: ProjectStage;
  terminated_reason: string | null;
  total_investment_wan: number;
  land_mu: number | null;
  promised_output_per_mu_wan: number | null;
  promised_tax_per_mu_wan: number | null;
  actual_output_wan: number | null;
  actual_tax_wan: number | null;
  jobs: number | null;
  responsible_department_id: string | null;
  responsible_person: string | null;
  description: string | null;
  signed_on: string | null;
  started_on: string | null;
  producing_on: string | null;
  created_at: string;
  updated_at: string;
}

export interface ProjectYearPlansTable {
  project_id: string;
  year: number;
  planned_wan: number;
}

export interface ProjectInvestmentsTable {
  project_id: string;
  month: string;
  amount_wan: number;
  updated_at: string;
}

export interface ProjectMilestonesTable {
  id: string;
  project_id: string;
  name: string;
  planned_date: string;
  actual_date: string | null;
  sort: number;
}

export interface ProjectStageEventsTable {
  id: string;
  project_id: string;
  from_stage: ProjectStage | null;
  to_stage: ProjectStage;
  on_date: string;
  reason: string | null;
  actor_name: string | null;
  at: string;
}

export interface ProjectServiceRequestsTable {
  request_id: string;
  project_id: string;
  created_at: string;
}

/** Read-only here: the columns of a service request that a project's page shows. */
interface LinkedServiceRequestsTable {
  id: string;
  number: string;
  title: string;
  status: string;
}

export interface ProjectTables
  extends Pick<IdentityTables, 'organisations' | 'users'>, Pick<RegistryTables, 'enterprises' | 'departments' | 'parks'> {
  projects: ProjectsTable;
  project_year_plans: ProjectYearPlansTable;
  project_investments: ProjectInvestmentsTable;
  project_milestones: ProjectMilestonesTable;
  project_stage_events: ProjectStageEventsTable;
  project_service_requests: ProjectServiceRequestsTable;
  service_requests: LinkedServiceRequestsTable;
}
