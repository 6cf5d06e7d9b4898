import type { InspectionItemKind } from '@tiantai/shared';
import type { MaintenanceTables } from './maintenance.tables';

export interface InspectionRoutesTable {
  id: string;
  enterprise_id: string;
  name: string;
  plant_id: string | null;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface InspectionPointsTable {
  id: string;
  route_id: string;
  seq: number;
  asset_id: string | null;
  name: string;
  /** Unguessable; printed on the point's QR label as <origin>/inspect/<qr_token>. */
  qr_token: string;
  created_at: string;
}

export interface InspectionItemsTable {
  id: string;
  point_id: string;
  seq: number;
  label: string;
  kind: InspectionItemKind;
  unit: string | null;
  min: number | null;
  max: number | null;
  required: number;
}

export interface InspectionRoundsTable {
  id: string;
  route_id: string;
  enterprise_id: string;
  started_by: string;
  started_at: string;
  finished_at: string | null;
}

/** One row per round and item: made by checking in at the point, filled by recording the item. */
export interface InspectionResultsTable {
  id: string;
  round_id: string;
  point_id: string;
  item_id: string;
  checked_in_at: string;
  checked_in_by: string | null;
  value: string | null;
  /** 1 passed, 0 failed, null not recorded or not judged (text, photo). */
  passed: number | null;
  note: string | null;
  photo_ref: string | null;
  recorded_at: string | null;
  recorded_by: string | null;
  work_order_id: string | null;
}

/** A photo taken for a `photo` item; the result's photo_ref names the latest one. */
export interface InspectionPhotosTable {
  id: string;
  round_id: string;
  result_id: string;
  filename: string;
  mime: string;
  size: number;
  content: Buffer;
  uploaded_at: string;
  uploaded_by: string | null;
}

export interface InspectionTables extends MaintenanceTables {
  inspection_routes: InspectionRoutesTable;
  inspection_points: InspectionPointsTable;
  inspection_items: InspectionItemsTable;
  inspection_rounds: InspectionRoundsTable;
  inspection_results: InspectionResultsTable;
  inspection_photos: InspectionPhotosTable;
}
