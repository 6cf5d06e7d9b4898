// The device contract over MQTT. Embedded broker: the device's token is its MQTT username and it publishes
// to ThingsBoard's topics (`v1/devices/me/telemetry`, gateways `v1/gateway/telemetry|connect|disconnect`).
// External broker: the broker cannot tell the platform who sent a message on a shared topic, so each device
// publishes to its own topic with its token in it (`v1/devices/<token>/telemetry`, `v1/gateway/<token>/…`);
// the broker's ACL lets a device publish only there (Mosquitto: dynamic security, kept in step by
// MosquittoDynsec; EMQX: a topic rewrite of v1/devices/me/telemetry to v1/devices/${username}/telemetry
// keeps firmware unchanged — see docs/operations.md).
import { CONNACK_BAD_CREDENTIALS, CONNACK_NOT_AUTHORIZED, type BrokerHooks } from '../../mqtt/broker';
import type { DeviceRef, IngestResult, IngestService } from './ingest';

export const SHARED_GROUP = 'tiantai';
export const EXTERNAL_SUBSCRIPTIONS = [
  `$share/${SHARED_GROUP}/v1/devices/+/telemetry`,
  `$share/${SHARED_GROUP}/v1/gateway/+/telemetry`,
  `$share/${SHARED_GROUP}/v1/gateway/+/connect`,
  `$share/${SHARED_GROUP}/v1/gateway/+/disconnect`,
];

/** Topics a device may subscribe to (answers from the platform; nothing is forwarded between devices). */
const SUBSCRIBABLE = /^v1\/(devices\/me\/(attributes|rpc)|gateway\/(attributes|rpc))(\/.*)?$/;

async function route(ingest: IngestService, device: DeviceRef, kind: string, payload: Buffer): Promise<IngestResult | null> {
  switch (kind) {
    case 'devices/telemetry':
      return ingest.ingest(device, payload);
    case 'gateway/telemetry':
      return ingest.ingestGateway(device, payload);
    case 'gateway/connect':
      return ingest.gatewayConnect(device, payload);
    case 'devices/attributes':
    case 'gateway/attributes':
    case 'gateway/disconnect':
      return { ok: true, points: 0 }; // accepted, not stored: attributes are not machine data here
    default:
      return null;
  }
}

/** An MQTT connection's credential: re-checked on every message, so a rotated or deleted token stops at once. */
export interface DeviceSession {
  token: string;
  device: DeviceRef;
}

export function embeddedBrokerHooks(ingest: IngestService): BrokerHooks<DeviceSession> {
  return {
    authenticate: async (username) => {
      if (!username) return { refuse: CONNACK_BAD_CREDENTIALS };
      const device = await ingest.authenticate(username);
      if (!device) {
        ingest.refuse(null, 'unknown_token', 'MQTT CONNECT with an unknown access token');
        return { refuse: CONNACK_NOT_AUTHORIZED };
      }
      return { session: { token: username, device } };
    },
    owner: ({ device }) => device.id,
    connected: ({ device }) => ingest.setConnected(device.id, true),
    clientIdTaken: ({ device }, clientId, holder) =>
      ingest.refuse(
        device,
        'client_id_taken',
        `MQTT CONNECT with client id ${JSON.stringify(clientId.slice(0, 100))}, held by device ${holder.device.id}: refused`,
      ),
    publish: async (session, topic, payload) => {
      const device = await ingest.authenticate(session.token);
      if (!device) {
        ingest.refuse(null, 'unknown_token', 'the token of a connected device was rotated or deleted');
        return 'disconnect';
      }
      session.device = device;
      const match = /^v1\/(devices\/me|gateway)\/(telemetry|attributes|connect|disconnect)$/.exec(topic);
      const kind = match ? `${match[1] === 'gateway' ? 'gateway' : 'devices'}/${match[2]}` : '';
      const result = await route(ingest, device, kind, payload);
      if (result) return 'ack';
      ingest.refuse(device, 'forbidden_topic', `publish to ${topic.slice(0, 100)}`);
      return 'disconnect';
    },
    maySubscribe: (_session, topic) => SUBSCRIBABLE.test(topic),
    oversize: (session, bytes) => ingest.refuse(session?.device ?? null, 'oversize', `MQTT packet of ${bytes} bytes: connection closed`),
    // Only the connection ends: the machine stays online while its data is recent (isLive), as it would if it
    // posted over HTTP. A device that reconnected with the same client id is still connected.
    disconnected: ({ device }, replaced) => {
      if (!replaced) void ingest.setConnected(device.id, false).catch(() => undefined);
    },
  };
}

/** A message the platform's shared subscription received from an external broker. */
export async function onExternalMessage(ingest: IngestService, topic: string, payload: Buffer): Promise<void> {
  const match = /^v1\/(devices|gateway)\/([^/]+)\/(telemetry|connect|disconnect)$/.exec(topic);
  if (!match) return;
  const [, scope, token, action] = match as unknown as [string, string, string, string];
  const device = await ingest.authenticate(token);
  if (!device) {
    ingest.refuse(null, 'unknown_token', `message on ${scope} topic with an unknown token`);
    return;
  }
  await route(ingest, device, `${scope}/${action}`, payload);
}
