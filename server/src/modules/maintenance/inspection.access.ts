import type { Actor } from '@tiantai/shared';
import { enterpriseScope } from '../../http/access';
import { AppError, notFound } from '../../http/errors';
import * as repo from './inspection.repository';
import type { InspectionDb, RouteRow, RoundRow } from './inspection.repository';

/** Inspection belongs to the enterprise walking its plant: county staff and departments get nothing here. */
export const { enterpriseOf, requireAdmin } = enterpriseScope('Inspection belongs to enterprises');

/** The actor's enterprise's route, or 404: another enterprise's ids are not found. */
export async function visibleRoute(db: InspectionDb, actor: Actor, id: string): Promise<RouteRow> {
  const route = await repo.findRoute(db, enterpriseOf(actor), id);
  if (!route) throw notFound('Inspection route');
  return route;
}

/** The actor's enterprise's round, or 404. */
export async function visibleRound(db: InspectionDb, actor: Actor, id: string): Promise<RoundRow> {
  const round = await repo.findRound(db, enterpriseOf(actor), id);
  if (!round) throw notFound('Inspection round');
  return round;
}

/** A visible round still being walked: a finished one is a 409. */
export async function openRound(db: InspectionDb, actor: Actor, id: string): Promise<RoundRow> {
  const round = await visibleRound(db, actor, id);
  if (round.finished_at !== null) throw new AppError(409, 'CONFLICT', 'The round is finished');
  return round;
}
