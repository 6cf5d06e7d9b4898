import net from 'node:net';
import { Aedes, type AuthenticateError } from 'aedes';
import type { FastifyBaseLogger } from 'fastify';

/** MQTT CONNACK return codes of v3.1.1 that the device contract uses (as ThingsBoard does). */
export const CONNACK_BAD_CREDENTIALS = 4;
export const CONNACK_NOT_AUTHORIZED = 5;

/**
 * Decides whether a CONNECT may proceed. Returns null to accept, or a CONNACK return code to refuse.
 * Supplied by the composition root, so this transport knows nothing of devices or tokens.
 */
export type MqttAuthenticator = (username: string | undefined, password: Buffer | undefined) => Promise<number | null>;

export interface EmbeddedBroker {
  broker: Aedes;
  port: number;
  close(): Promise<void>;
}

export async function startEmbeddedBroker(options: {
  port: number;
  host?: string;
  authenticate: MqttAuthenticator;
  log: FastifyBaseLogger;
}): Promise<EmbeddedBroker> {
  const broker = await Aedes.createBroker({
    authenticate: (_client, username, password, done) => {
      options
        .authenticate(username || undefined, password)
        .then((refusal) => {
          if (refusal === null) return done(null, true);
          const error = Object.assign(new Error('connection refused'), { returnCode: refusal }) as AuthenticateError;
          return done(error, false);
        })
        .catch((error: unknown) => {
          options.log.error({ err: error }, 'mqtt authentication failed');
          done(Object.assign(new Error('server unavailable'), { returnCode: 3 }) as AuthenticateError, false);
        });
    },
  });
  broker.on('clientError', (client, error) => options.log.debug({ clientId: client.id, err: error }, 'mqtt client error'));
  const server = net.createServer(broker.handle as (socket: net.Socket) => void);
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
    close: () =>
      new Promise<void>((resolve) => {
        broker.close(() => server.close(() => resolve()));
      }),
  };
}
