// The asset lifecycle as data: which state may follow which, and which moves a technician
// (enterprise_member) may make. The service checks every move against this table; anything else is a 409.
import type { AssetState, Role } from '@tiantai/shared';

export const LIFECYCLE: Record<AssetState, readonly AssetState[]> = {
  planned: ['commissioned', 'scrapped'],
  commissioned: ['in_service', 'scrapped'],
  in_service: ['under_maintenance', 'under_repair', 'idle', 'scrapped'],
  under_maintenance: ['in_service', 'scrapped'],
  under_repair: ['in_service', 'scrapped'],
  idle: ['in_service', 'scrapped'],
  scrapped: [],
};

/** The shop-floor loop a technician runs from a phone: taking a running asset down for work and back. */
const TECHNICIAN_STATES: readonly AssetState[] = ['in_service', 'under_maintenance', 'under_repair'];

export function canMove(from: AssetState, to: AssetState): boolean {
  return LIFECYCLE[from].includes(to);
}

/** Whether the role may make this (legal) move; the enterprise admin may make every legal one. */
export function roleMayMove(role: Role, from: AssetState, to: AssetState): boolean {
  if (role === 'enterprise_admin') return true;
  if (role === 'enterprise_member') return TECHNICIAN_STATES.includes(from) && TECHNICIAN_STATES.includes(to);
  return false;
}

export function allowedMoves(role: Role, from: AssetState): AssetState[] {
  return LIFECYCLE[from].filter((to) => roleMayMove(role, from, to));
}
