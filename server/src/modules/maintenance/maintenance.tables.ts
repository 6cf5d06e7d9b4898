import type {
  AssetState,
  ChecklistResult,
  IntervalUnit,
  PlanAnchor,
  PlanLevel,
  PlanTrigger,
  WorkOrderKind,
  WorkOrderStatus,
} from '@tiantai/shared';
import type { AssetTables } from '../assets';
import type { IdentityTables } from '../identity';

export interface MaintenancePlansTable {
  id: string;
  /** The enterprise keeping the asset when the plan was made: it runs the plan. */
  enterprise_id: string;
  asset_id: string;
  name: string;
  level: PlanLevel;
  trigger: PlanTrigger;
  interval_value: number;
  interval_unit: IntervalUnit;
  anchor: PlanAnchor;
  warning_share: number;
  /** JSON array of check items. */
  checklist: string;
  active: number;
  start_at: string;
  start_counter: number | null;
  last_done_at: string | null;
  last_done_counter: number | null;
  last_due_point: string | null;
  created_at: string;
  updated_at: string;
}

export interface WorkOrdersTable {
  id: string;
  enterprise_id: string;
  asset_id: string;
  kind: WorkOrderKind;
  number: string;
  title: string;
  description: string;
  status: WorkOrderStatus;
  plan_id: string | null;
  due_point: string | null;
  due_at: string | null;
  assignee_user_id: string | null;
  reported_by: string | null;
  downtime_start: string | null;
  downtime_end: string | null;
  labour_minutes: number | null;
  result: string | null;
  completed_at: string | null;
  accepted_at: string | null;
  created_at: string;
  updated_at: string;
  /** The state this order put its asset in while it runs (under_repair, under_maintenance); null when it moved nothing. */
  asset_state_set: AssetState | null;
}

export interface WorkOrderEventsTable {
  id: string;
  work_order_id: string;
  kind: string;
  from_status: WorkOrderStatus | null;
  to_status: WorkOrderStatus | null;
  at: string;
  actor_user_id: string | null;
  actor_name: string | null;
  note: string | null;
}

export interface SparePartsTable {
  id: string;
  enterprise_id: string;
  code: string;
  name: string;
  unit: string;
  quantity: number;
  min_quantity: number;
  created_at: string;
  updated_at: string;
}

export interface WorkOrderPartsTable {
  id: string;
  work_order_id: string;
  part_id: string;
  quantity: number;
  at: string;
  actor_user_id: string | null;
}

export interface WorkOrderAttachmentsTable {
  id: string;
  work_order_id: string;
  filename: string;
  mime: string;
  size: number;
  content: Buffer;
  uploaded_at: string;
  uploaded_by: string | null;
}

/** A maintenance order's checklist item, copied from its plan and ticked by the technician. */
export interface WorkOrderChecklistTable {
  id: string;
  work_order_id: string;
  seq: number;
  item: string;
  required: number;
  result: ChecklistResult | null;
  value: string | null;
  note: string | null;
  checked_at: string | null;
  checked_by: string | null;
}

/** One row per enterprise that has set its choice; no row means not shared. */
export interface MaintenanceSharingTable {
  enterprise_id: string;
  shared: number;
  updated_at: string;
  updated_by: string | null;
}

export interface MaintenanceTables extends AssetTables, IdentityTables {
  maintenance_plans: MaintenancePlansTable;
  work_orders: WorkOrdersTable;
  work_order_events: WorkOrderEventsTable;
  spare_parts: SparePartsTable;
  work_order_parts: WorkOrderPartsTable;
  work_order_attachments: WorkOrderAttachmentsTable;
  maintenance_sharing: MaintenanceSharingTable;
  work_order_checklist: WorkOrderChecklistTable;
}
