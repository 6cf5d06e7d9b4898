// Who a stream is for, and which events it may carry: the same boundaries as the HTTP API. An enterprise
// sees only its own enterprise's events (a plant screen only its plant's); county staff see every event,
// but of an enterprise's equipment and work orders only ids and states, never names or titles, as the
// county's pages show only aggregates of them. Departments have no screens.
import type { Actor, DomainEvent } from '@tiantai/shared';
import { requirePermission } from '../../http/access';

export type Audience =
  { kind: 'county'; kioskTokenId?: string } | { kind: 'enterprise'; enterpriseId: string; plantId: string | null; kioskTokenId?: string };

export function audienceOf(actor: Actor, plantId: string | null = null): Audience {
  requirePermission(actor, 'screens.open', 'Live screens are for enterprises and county staff');
  if (actor.organisationKind === 'enterprise') return { kind: 'enterprise', enterpriseId: actor.organisationId, plantId };
  return { kind: 'county' };
}

const NAMED_TYPES = new Set<DomainEvent['type']>([
  'work_order.created',
  'work_order.changed',
  'asset.state_changed',
  'alarm.raised',
  'alarm.cleared',
  'machine.state_changed',
]);

/** The event as this audience may see it, or null when it is not theirs. */
export function eventFor(audience: Audience, event: DomainEvent): DomainEvent | null {
  if (event.type === 'screen_token.revoked' || event.type === 'notifications.created') return null; // platform-internal
  if (audience.kind === 'county') {
    if (event.enterpriseId === null || !NAMED_TYPES.has(event.type)) return event;
    const { title: _t, assetCode: _c, assetName: _n, message: _m, ...rest } = event as DomainEvent & Record<string, unknown>;
    return rest as DomainEvent;
  }
  if (event.enterpriseId !== audience.enterpriseId) return null;
  if (audience.plantId !== null && event.plantId !== audience.plantId) return null;
  return event;
}
