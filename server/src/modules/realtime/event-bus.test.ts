// The bus itself: in-process delivery, and across two buses on one PostgreSQL — each event delivered once
// per bus (no echo of its own), in order, and garbage on the channel ignored without harm.
import type { DomainEvent, DomainEventInput } from '@tiantai/shared';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, createTestDatabase, type TestDatabase } from '../../../test/engines';
import { InProcessEventBus, NOTIFY_CHANNEL, PostgresEventBus } from './event-bus';

const order = (n: number, title = `报修 ${n}`): DomainEventInput => ({
  type: 'work_order.created',
  enterpriseId: 'e1',
  plantId: 'p1',
  workOrderId: `wo-${n}`,
  number: `WO${n}`,
  kind: 'repair',
  status: 'reported',
  assetId: 'a1',
  assetCode: 'YL-EQ-001',
  title,
});

/** Resolves with the first `count` events the bus delivers. */
function collect(bus: InProcessEventBus, count: number): Promise<DomainEvent[]> {
  const events: DomainEvent[] = [];
  return new Promise((resolve) => {
    const stop = bus.subscribe((event) => {
      events.push(event);
      if (events.length === count) {
        stop();
        resolve(events);
      }
    });
  });
}

describe('in-process event bus', () => {
  it('delivers to every subscriber at once, stamped, and survives a failing one', async () => {
    const bus = new InProcessEventBus();
    const seen: string[] = [];
    bus.subscribe(() => {
      throw new Error('a broken socket');
    });
    bus.subscribe((event) => seen.push(event.id));
    const published = bus.publish(order(1));
    expect(seen).toEqual([published.id]);
    expect(published.id.startsWith(`${bus.instanceId}:`)).toBe(true);
    expect(Date.parse(published.at)).not.toBeNaN();
    await bus.close();
  });
});

describe.runIf(ENGINES.includes('postgres'))('event bus across PostgreSQL', () => {
  let database: TestDatabase;
  let a: PostgresEventBus, b: PostgresEventBus;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    a = new PostgresEventBus(database.location.databaseUrl!);
    b = new PostgresEventBus(database.location.databaseUrl!);
    await Promise.all([a.ready(), b.ready()]);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await database?.drop();
  });

  it('delivers in order on the other instance and once on its own', async () => {
    const onB = collect(b, 3);
    const onA = collect(a, 4);
    const sent = [a.publish(order(1)), a.publish(order(2)), a.publish(order(3))];
    expect((await onB).map((e) => e.id)).toEqual(sent.map((e) => e.id));
    expect((await onB)[0]).toMatchObject({ workOrderId: 'wo-1', title: '报修 1', enterpriseId: 'e1' });
    // A got its three once each (no echo from PostgreSQL), then B's: the fourth is B's, not a duplicate.
    const fromB = b.publish(order(4));
    expect((await onA).map((e) => e.id)).toEqual([...sent.map((e) => e.id), fromB.id]);
  });

  it('ignores garbage on the channel and keeps delivering', async () => {
    const onB = collect(b, 1);
    const client = new pg.Client({ connectionString: database.location.databaseUrl! });
    await client.connect();
    for (const payload of ['not json', '{"origin":"x","event":{"type":"nope"}}', '{"origin":"x"}'])
      await client.query('select pg_notify($1, $2)', [NOTIFY_CHANNEL, payload]);
    await client.end();
    const sent = a.publish(order(5));
    expect((await onB)[0]!.id).toBe(sent.id);
  });

  it('drops free text that would not fit a NOTIFY, and still delivers the ids', async () => {
    const onB = collect(b, 1);
    const sent = a.publish(order(6, '长'.repeat(3000)));
    const received = (await onB)[0]!;
    expect(received.id).toBe(sent.id);
    expect(received).toMatchObject({ workOrderId: 'wo-6' });
    expect(received).not.toHaveProperty('title');
  });
});
