// Pure helpers of inspection: the views sent for routes, points, items and results, the judging of a recorded
// value, and the 400 both services answer for a body that does not fit. No queries here.
import type { InspectionItemView, InspectionPointView, InspectionResultView, InspectionRouteView } from '@tiantai/shared';
import { AppError } from '../../http/errors';
import type { PointRow, ResultRow, RouteRow } from './inspection.repository';
import type { InspectionItemsTable } from './inspection.tables';

export const invalid = (message: string) => new AppError(400, 'VALIDATION_FAILED', message);

/**
 * Judges a recorded value: pass_fail by the answer, number and meter by the range [min, max]; text and
 * photo are not judged. A value that does not fit the item's kind is a 400, not a failure.
 */
export function evaluateItem(item: Pick<InspectionItemsTable, 'kind' | 'min' | 'max' | 'required'>, value: string): boolean | null {
  if (value === '') {
    if (item.required) throw invalid('value: this item is required');
    return null;
  }
  switch (item.kind) {
    case 'pass_fail':
      if (value !== 'pass' && value !== 'fail') throw invalid("value: 'pass' or 'fail'");
      return value === 'pass';
    case 'number':
    case 'meter': {
      const n = Number(value);
      if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(value) || !Number.isFinite(n)) throw invalid('value: a number');
      const min = item.min === null ? null : Number(item.min);
      const max = item.max === null ? null : Number(item.max);
      return (min === null || n >= min) && (max === null || n <= max);
    }
    case 'text':
    case 'photo':
      return null;
  }
}

/** An item's allowed range as a repair order's description shows it: `min ~ max` with the unit, or — without bounds. */
export const rangeText = (item: InspectionItemsTable) => {
  const unit = item.unit ?? '';
  const bound = (v: number | null) => (v === null ? '' : `${Number(v)}${unit}`);
  return item.min === null && item.max === null ? '—' : `${bound(item.min)} ~ ${bound(item.max)}`;
};

export const toItemView = (i: InspectionItemsTable): InspectionItemView => ({
  id: i.id,
  seq: Number(i.seq),
  label: i.label,
  kind: i.kind,
  unit: i.unit,
  min: i.min === null ? null : Number(i.min),
  max: i.max === null ? null : Number(i.max),
  required: Number(i.required) === 1,
});

/** A point with its own items (in order) out of `items`, which may hold other points' items too. */
export const toPointView = (p: PointRow, items: InspectionItemsTable[]): InspectionPointView => ({
  id: p.id,
  routeId: p.route_id,
  seq: Number(p.seq),
  name: p.name,
  assetId: p.asset_id,
  assetCode: p.asset_code,
  assetName: p.asset_name,
  items: items.filter((i) => i.point_id === p.id).map(toItemView),
});

export const toRouteView = (r: RouteRow): InspectionRouteView => ({
  id: r.id,
  enterpriseId: r.enterprise_id,
  name: r.name,
  plantId: r.plant_id,
  active: Number(r.active) === 1,
  pointCount: Number(r.point_count ?? 0),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const toResultView = (r: ResultRow): InspectionResultView => ({
  id: r.id,
  pointId: r.point_id,
  itemId: r.item_id,
  checkedInAt: r.checked_in_at,
  value: r.value,
  passed: r.passed === null ? null : Number(r.passed) === 1,
  note: r.note,
  recordedAt: r.recorded_at,
  workOrderId: r.work_order_id,
  workOrderNumber: r.work_order_number,
  photoId: r.photo_ref,
});
