// The bus domain events travel on. In-process by default; with PostgreSQL, every instance LISTENs on one
// channel through a dedicated connection and NOTIFYs the others, so an event raised on instance A reaches
// screens connected to instance B. An instance delivers its own events locally at once and ignores their
// echo from PostgreSQL (the payload names the instance it came from).
import { randomUUID } from 'node:crypto';
import { domainEventInput, type DomainEvent, type DomainEventInput } from '@tiantai/shared';
import pg from 'pg';
import { z } from 'zod';

export type EventListener = (event: DomainEvent) => void;

export interface EventBus {
  /** Stamped on every event this instance raises, and used to drop the instance's own echoes. */
  readonly instanceId: string;
  /** Delivers to local subscribers now and, with PostgreSQL, to the other instances. */
  publish(event: DomainEventInput): DomainEvent;
  /** Returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void;
  /** Resolves once the bus receives other instances' events (LISTEN is in place). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

interface BusLog {
  warn(obj: object, message: string): void;
  error(obj: object, message: string): void;
}

const silentLog: BusLog = { warn: () => undefined, error: () => undefined };

export class InProcessEventBus implements EventBus {
  readonly instanceId = randomUUID();
  private readonly listeners = new Set<EventListener>();
  private sequence = 0;

  constructor(protected readonly log: BusLog = silentLog) {}

  publish(input: DomainEventInput): DomainEvent {
    const event = { ...input, id: `${this.instanceId}:${++this.sequence}`, at: new Date().toISOString() } as DomainEvent;
    this.deliver(event);
    return event;
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async ready(): Promise<void> {}

  async close(): Promise<void> {
    this.listeners.clear();
  }

  get subscribers(): number {
    return this.listeners.size;
  }

  /** One failing subscriber (a broken socket) must not stop the others. */
  protected deliver(event: DomainEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.log.error({ err: error, type: event.type }, 'event subscriber failed');
      }
    }
  }
}

export const NOTIFY_CHANNEL = 'tiantai_events';
/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more. */
export const NOTIFY_MAX_BYTES = 7999;

const envelope = z.object({ origin: z.string(), event: z.unknown() });
const stamped = z.object({ id: z.string().max(100), at: z.string().max(40) });

/** Drops the optional free text (titles, names, messages) when a payload would not fit a NOTIFY. */
function slim(event: DomainEvent): DomainEvent {
  const { title: _t, assetCode: _c, assetName: _n, message: _m, ...rest } = event as DomainEvent & Record<string, unknown>;
  return rest as DomainEvent;
}

export class PostgresEventBus extends InProcessEventBus {
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;
  /** NOTIFYs go out in order, one after another, on the listening connection. */
  private outbox: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly databaseUrl: string,
    log?: BusLog,
  ) {
    super(log);
    this.connecting = this.connect();
  }

  override publish(input: DomainEventInput): DomainEvent {
    const event = super.publish(input);
    let payload = JSON.stringify({ origin: this.instanceId, event });
    if (Buffer.byteLength(payload) > NOTIFY_MAX_BYTES) payload = JSON.stringify({ origin: this.instanceId, event: slim(event) });
    if (Buffer.byteLength(payload) > NOTIFY_MAX_BYTES) {
      this.log.warn({ type: event.type, bytes: Buffer.byteLength(payload) }, 'event too large for NOTIFY; delivered on this instance only');
      return event;
    }
    this.outbox = this.outbox
      .then(async () => {
        await this.connecting;
        if (!this.client) throw new Error('not connected to PostgreSQL');
        await this.client.query('select pg_notify($1, $2)', [NOTIFY_CHANNEL, payload]);
      })
      .catch((error: unknown) => this.log.warn({ err: error, type: event.type }, 'event not sent to other instances'));
    return event;
  }

  override async ready(): Promise<void> {
    await this.connecting;
  }

  override async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    await this.outbox;
    await this.client?.end().catch(() => undefined);
    this.client = null;
    await super.close();
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl });
    client.on('notification', (message) => {
      if (message.channel === NOTIFY_CHANNEL && message.payload) this.receive(message.payload);
    });
    client.on('error', (error) => {
      this.log.warn({ err: error }, 'event bus connection lost; reconnecting');
      this.reconnect(client);
    });
    client.on('end', () => this.reconnect(client));
    try {
      await client.connect();
      await client.query(`listen ${NOTIFY_CHANNEL}`);
      this.client = client;
    } catch (error) {
      this.log.warn({ err: error }, 'event bus could not listen; retrying');
      this.reconnect(client);
    }
  }

  private reconnect(client: pg.Client): void {
    if (this.client === client) this.client = null;
    client.end().catch(() => undefined);
    if (this.closed || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      if (!this.closed) this.connecting = this.connect();
    }, 1000);
  }

  private receive(payload: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload);
    } catch {
      this.log.warn({ payload: payload.slice(0, 200) }, 'unreadable event from another instance');
      return;
    }
    const outer = envelope.safeParse(parsed);
    if (!outer.success || outer.data.origin === this.instanceId) return;
    const body = domainEventInput.safeParse(outer.data.event);
    const stamp = stamped.safeParse(outer.data.event);
    if (!body.success || !stamp.success) {
      this.log.warn({ origin: outer.data.origin }, 'malformed event from another instance');
      return;
    }
    this.deliver({ ...body.data, ...stamp.data } as DomainEvent);
  }
}

/** PostgreSQL when the platform runs on it (several instances share it); in-process otherwise. */
export function createEventBus(options: { databaseUrl?: string | undefined; log?: BusLog }): EventBus {
  return options.databaseUrl ? new PostgresEventBus(options.databaseUrl, options.log) : new InProcessEventBus(options.log);
}
