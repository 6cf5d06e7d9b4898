import net from 'node:net';
import { Aedes, type AuthenticateError, type Client } from 'aedes';
import type { FastifyBaseLogger } from 'fastify';

/** MQTT CONNACK return codes of v3.1.1 that the device contract uses (as ThingsBoard does). */
export const CONNACK_IDENTIFIER_REJECTED = 2;
export const CONNACK_BAD_CREDENTIALS = 4;
export const CONNACK_NOT_AUTHORIZED = 5;

/**
 * What the broker asks the platform. Supplied by the composition root, so this transport knows nothing of
 * devices or tokens; `session` is whatever `authenticate` returned for the connection.
 */
export interface BrokerHooks<S> {
  /** A session to accept the CONNECT, or a CONNACK return code to refuse it. */
  authenticate(username: string | undefined, password: Buffer | undefined): Promise<{ session: S } | { refuse: number }>;
  /**
   * Who a session belongs to (a device). A client id held by a connected client is never taken over by a
   * different owner: aedes would close the holder, so such a CONNECT is refused (identifier rejected). The
   * same owner reconnecting with its own id replaces its stale connection, as MQTT says.
   */
  owner(session: S): string;
  /** A CONNECT was accepted: resolves before the CONNACK goes out. */
  connected(session: S): Promise<void>;
  /** A CONNECT refused because `clientId` is held by another owner's connection (`holder`). */
  clientIdTaken(session: S, clientId: string, holder: S): void;
  /**
   * An incoming PUBLISH. For QoS 1 the PUBACK is sent only when this resolves, so a message is acknowledged
   * once it is stored. 'ack' acknowledges (also a refused payload: the sender must not redeliver garbage);
   * 'disconnect' closes the connection (a topic the client may not publish to).
   */
  publish(session: S, topic: string, payload: Buffer): Promise<'ack' | 'disconnect'>;
  maySubscribe(session: S, topic: string): boolean;
  /** The connection ended; `replaced`: by a new connection of the same owner with the same client id. */
  disconnected(session: S, replaced: boolean): void;
  /** A packet announced larger than `maxPacketBytes`; the connection is closed before it is read. */
  oversize(session: S | undefined, bytes: number): void;
}

export interface EmbeddedBroker {
  broker: Aedes;
  port: number;
  /** The listening socket is open (for the health check). */
  listening(): boolean;
  connections(): number;
  close(): Promise<void>;
}

const sessions = new WeakMap<Client, unknown>();

/**
 * mqtt-packet collects a packet whole (up to the 256 MB MQTT allows) before aedes sees any of it, so anyone
 * reaching the port could hold that much memory per connection. Its parser is told to stop at the fixed
 * header of a packet announced larger than `maxBytes`, and the connection is closed there. This reaches into
 * the parser of the installed mqtt-packet (5.x); if that ever changes shape, starting the broker fails.
 */
function limitPacketSize(client: Client, maxBytes: number, onOversize: (bytes: number) => void): void {
  const parser = (client as unknown as { _parser?: { _parseLength?: () => boolean; packet: { length: number } } })._parser;
  const parseLength = parser?._parseLength?.bind(parser);
  if (!parser || !parseLength) throw new Error('aedes/mqtt-packet changed: cannot limit the MQTT packet size');
  parser._parseLength = () => {
    if (!parseLength()) return false;
    if (parser.packet.length <= maxBytes) return true;
    onOversize(parser.packet.length);
    return false;
  };
}

export async function startEmbeddedBroker<S>(options: {
  port: number;
  host?: string;
  /** The largest packet a client may send (remaining length); a larger one closes its connection. */
  maxPacketBytes: number;
  hooks: BrokerHooks<S>;
  log: FastifyBaseLogger;
}): Promise<EmbeddedBroker> {
  const { hooks, log } = options;
  const sessionOf = (client: Client | null) => (client && sessions.has(client) ? (sessions.get(client) as S) : undefined);
  /**
   * Connections authenticated but not yet registered under their client id (aedes registers them a few
   * asynchronous steps after authentication): they hold their id too.
   */
  const claims = new Map<string, Client>();
  const claim = (client: Client) => {
    const id = client.id;
    claims.set(id, client);
    client.conn.once('close', () => {
      if (claims.get(id) === client) claims.delete(id);
    });
  };
  /** The session of another live connection holding this client's id, if any. */
  const holderOf = (client: Client): S | undefined => {
    for (const other of [registered(client.id), claims.get(client.id)]) {
      if (!other || other === client || other.closed) continue;
      const session = sessionOf(other);
      if (session !== undefined) return session;
    }
    return undefined;
  };
  const broker = await Aedes.createBroker({
    authenticate: (client, username, password, done) => {
      const refuse = (returnCode: number) =>
        done(Object.assign(new Error('connection refused'), { returnCode }) as AuthenticateError, false);
      hooks
        .authenticate(username || undefined, password)
        .then(async (result) => {
          if (!('session' in result)) return refuse(result.refuse);
          // Checked and claimed with no await in between, so of two CONNECTs racing for one id only one passes.
          const holder = holderOf(client);
          if (holder !== undefined && hooks.owner(holder) !== hooks.owner(result.session)) {
            hooks.clientIdTaken(result.session, client.id, holder);
            return refuse(CONNACK_IDENTIFIER_REJECTED);
          }
          sessions.set(client, result.session);
          claim(client);
          await hooks.connected(result.session);
          return done(null, true);
        })
        .catch((error: unknown) => {
          log.error({ err: error }, 'mqtt authentication failed');
          done(Object.assign(new Error('server unavailable'), { returnCode: 3 }) as AuthenticateError, false);
        });
    },
    authorizePublish: (client, packet, done) => {
      const session = sessionOf(client);
      // The broker's own publications (a last will after the session ended) carry no session: drop them.
      if (session === undefined) return done(new Error('no session'));
      hooks
        .publish(session, packet.topic, Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload))
        .then((outcome) => done(outcome === 'ack' ? null : new Error(`not allowed to publish to ${packet.topic}`)))
        .catch((error: unknown) => {
          // Not stored (the database failed): no PUBACK; closing makes the client redeliver after reconnecting.
          log.error({ err: error }, 'mqtt publish not stored');
          done(error instanceof Error ? error : new Error('not stored'));
        });
    },
    authorizeSubscribe: (client, subscription, done) => {
      const session = sessionOf(client);
      if (session !== undefined && hooks.maySubscribe(session, subscription.topic)) return done(null, subscription);
      return done(new Error(`not allowed to subscribe to ${subscription.topic}`), null);
    },
    // Device messages are for the platform, never forwarded to other clients.
    authorizeForward: () => null,
  });
  // aedes's own registry of connected clients by id (not in its types): reached into, checked at start.
  const registry = (broker as unknown as { clients?: Record<string, Client | undefined> }).clients;
  if (typeof registry !== 'object') throw new Error('aedes changed: cannot see which client holds a client id');
  const registered = (id: string) => (Object.hasOwn(registry, id) ? registry[id] : undefined);
  broker.on('client', (client) => {
    if (claims.get(client.id) === client) claims.delete(client.id);
  });
  broker.on('clientDisconnect', (client) => {
    const session = sessionOf(client);
    if (session === undefined) return;
    // aedes closes the old connection while the new one with the same id waits to be registered.
    const successor = claims.get(client.id);
    const next = successor && successor !== client && !successor.closed ? sessionOf(successor) : undefined;
    hooks.disconnected(session, next !== undefined && hooks.owner(next) === hooks.owner(session));
  });
  broker.on('clientError', (client, error) => log.debug({ clientId: client.id, err: error }, 'mqtt client error'));
  const server = net.createServer((socket) => {
    const client = broker.handle(socket);
    limitPacketSize(client, options.maxPacketBytes, (bytes) => {
      socket.destroy();
      hooks.oversize(sessionOf(client), bytes);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  return {
    broker,
    port: typeof address === 'object' && address ? address.port : options.port,
    listening: () => server.listening && !broker.closed,
    connections: () => broker.connectedClients,
    close: () =>
      new Promise<void>((resolve) => {
        broker.close(() => server.close(() => resolve()));
      }),
  };
}
