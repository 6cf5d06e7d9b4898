// The platform's own connection to an external broker (Mosquitto, EMQX). Written on mqtt-packet rather
// than MQTT.js because MQTT.js handles one incoming packet at a time and sends the PUBACK before taking the
// next: acknowledging only after a group commit would then pass one message per commit. Here every
// PUBLISH is handed over at once and its PUBACK goes out when the platform has stored it; a failure closes
// the connection without the PUBACK, and the persistent session (clean start off) makes the broker redeliver.
import net from 'node:net';
import tls from 'node:tls';
import type { FastifyBaseLogger } from 'fastify';
import mqttPacket, { type IPublishPacket, type Packet } from 'mqtt-packet';

export interface ExternalBrokerOptions {
  url: string;
  clientId: string;
  /** MQTT 5 shared subscriptions ($share/<group>/…) spread the messages over the platform's instances. */
  subscriptions: string[];
  onMessage(topic: string, payload: Buffer): Promise<void>;
  /** After every (re)connection, once subscribed. */
  onConnected?: () => void;
  log: FastifyBaseLogger;
}

export interface ExternalBroker {
  connected(): boolean;
  /** Connected and answering: a packet (a PINGRESP at least) came back within the keep-alive. */
  healthy(): boolean;
  /** Resolves at the first CONNACK; rejects with the last connection error after `timeoutMs`. */
  firstConnection(timeoutMs: number): Promise<void>;
  /** QoS 0 publish (control commands such as Mosquitto's dynamic-security API). */
  publish(topic: string, payload: string): void;
  close(): Promise<void>;
}

const KEEPALIVE_S = 30;
/** Reconnection back-off: 1 s, doubling to 30 s; back to 1 s after a successful CONNACK. */
const RETRY_FIRST_MS = 1000;
const RETRY_MAX_MS = 30_000;

export function connectExternalBroker(options: ExternalBrokerOptions): ExternalBroker {
  const url = new URL(options.url.replace(/^tcp:/, 'mqtt:'));
  if (url.protocol !== 'mqtt:' && url.protocol !== 'mqtts:') throw new Error('MQTT_URL: the ingest connection needs mqtt:// or mqtts://');
  const port = Number(url.port || (url.protocol === 'mqtts:' ? 8883 : 1883));
  let socket: net.Socket | null = null;
  let isConnected = false;
  let closing = false;
  let ping: NodeJS.Timeout | null = null;
  let retry: NodeJS.Timeout | null = null;
  let nextId = 1;
  let retryMs = RETRY_FIRST_MS;
  let lastHeard = 0;
  let everConnected = false;
  let lastError = 'no answer yet';
  const connectedWaiters: Array<() => void> = [];

  const send = (packet: Packet) => {
    if (socket && !socket.destroyed) socket.write(mqttPacket.generate(packet, { protocolVersion: 5 }));
  };

  const connect = () => {
    const s =
      url.protocol === 'mqtts:'
        ? tls.connect({ host: url.hostname, port, servername: url.hostname })
        : net.connect({ host: url.hostname, port });
    socket = s;
    const parser = mqttPacket.parser({ protocolVersion: 5 });
    s.on('connect', () =>
      send({
        cmd: 'connect',
        protocolId: 'MQTT',
        protocolVersion: 5,
        clientId: options.clientId,
        clean: false,
        keepalive: KEEPALIVE_S,
        username: url.username ? decodeURIComponent(url.username) : undefined,
        password: url.password ? Buffer.from(decodeURIComponent(url.password)) : undefined,
        properties: { sessionExpiryInterval: 24 * 3600, receiveMaximum: 65_535 },
      }),
    );
    s.on('secureConnect', () => s.emit('connect'));
    s.on('data', (chunk: Buffer) => {
      lastHeard = Date.now();
      parser.parse(chunk);
    });
    parser.on('error', (error) => {
      options.log.warn({ err: error }, 'external MQTT broker sent a bad packet');
      s.destroy();
    });
    parser.on('packet', (packet: Packet) => {
      switch (packet.cmd) {
        case 'connack':
          if (packet.reasonCode ?? packet.returnCode) {
            lastError = `refused with code ${packet.reasonCode ?? packet.returnCode}`;
            options.log.error({ code: packet.reasonCode ?? packet.returnCode }, 'external MQTT broker refused the platform');
            s.destroy();
            return;
          }
          isConnected = true;
          everConnected = true;
          retryMs = RETRY_FIRST_MS;
          connectedWaiters.splice(0).forEach((resolve) => resolve());
          options.log.info({ url: `${url.protocol}//${url.host}` }, 'connected to external MQTT broker');
          send({
            cmd: 'subscribe',
            messageId: nextId++,
            subscriptions: options.subscriptions.map((topic) => ({ topic, qos: 1 })),
          });
          // A link that went dead without a FIN (a NAT dropped it, the broker's host vanished) answers no
          // PINGREQ: after a keep-alive of silence the socket is dropped and the back-off reconnects.
          ping = setInterval(
            () => {
              if (Date.now() - lastHeard > KEEPALIVE_S * 1000) {
                options.log.warn('external MQTT broker stopped answering pings; reconnecting');
                s.destroy();
                return;
              }
              send({ cmd: 'pingreq' });
            },
            (KEEPALIVE_S * 1000) / 3,
          );
          options.onConnected?.();
          return;
        case 'publish':
          handlePublish(packet);
          return;
        default:
          return;
      }
    });
    s.on('error', (error: NodeJS.ErrnoException) => {
      lastError = error.code ?? error.message;
      // Before the first connection the start itself reports the failure (one line); after it, every loss is news.
      if (everConnected) options.log.warn({ err: error }, 'external MQTT broker connection error');
    });
    s.on('close', () => {
      isConnected = false;
      if (ping) clearInterval(ping);
      ping = null;
      if (closing) return;
      retry = setTimeout(connect, retryMs);
      retryMs = Math.min(RETRY_MAX_MS, retryMs * 2);
    });
  };

  const handlePublish = (packet: IPublishPacket) => {
    const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
    const s = socket;
    options
      .onMessage(packet.topic, payload)
      .then(() => {
        if (packet.qos > 0 && s === socket) send({ cmd: 'puback', messageId: packet.messageId ?? 0 });
      })
      .catch((error: unknown) => {
        options.log.error({ err: error }, 'message from the external broker not stored; reconnecting so it is redelivered');
        s?.destroy();
      });
  };

  connect();
  return {
    connected: () => isConnected,
    healthy: () => isConnected && Date.now() - lastHeard < KEEPALIVE_S * 1000,
    firstConnection: (timeoutMs) =>
      isConnected
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(lastError)), timeoutMs);
            connectedWaiters.push(() => {
              clearTimeout(timer);
              resolve();
            });
          }),
    publish: (topic, payload) => send({ cmd: 'publish', topic, payload, qos: 0, retain: false, dup: false }),
    close: async () => {
      closing = true;
      if (retry) clearTimeout(retry);
      if (ping) clearInterval(ping);
      const s = socket;
      if (!s || s.destroyed) return;
      send({ cmd: 'disconnect' });
      await new Promise<void>((resolve) => {
        s.end(() => resolve());
        setTimeout(resolve, 500).unref();
      });
      s.destroy();
    },
  };
}
