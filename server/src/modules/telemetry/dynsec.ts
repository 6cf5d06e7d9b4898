// Keeps Mosquitto's dynamic-security plugin in step with the devices: one broker client per device
// (username = password = access token) with a role that may publish only to that device's own topics.
// Commands go to $CONTROL/dynamic-security/v1 over the platform's connection, whose MQTT_URL user must be a
// dynamic-security admin. At start every device is (re)declared; creating one that exists is harmless.
import type { DeviceKind } from '@tiantai/shared';
import type { Kysely } from 'kysely';
import type { ExternalBroker } from '../../mqtt/external';
import type { TelemetryTables } from './telemetry.tables';

const CONTROL_TOPIC = '$CONTROL/dynamic-security/v1';

function topicsOf(token: string, kind: DeviceKind): string[] {
  return kind === 'gateway'
    ? [`v1/gateway/${token}/telemetry`, `v1/gateway/${token}/connect`, `v1/gateway/${token}/disconnect`]
    : [`v1/devices/${token}/telemetry`];
}

export class MosquittoDynsec {
  constructor(private readonly broker: ExternalBroker) {}

  private send(commands: object[]): void {
    this.broker.publish(CONTROL_TOPIC, JSON.stringify({ commands }));
  }

  upsert(token: string, kind: DeviceKind, oldToken?: string): void {
    if (oldToken) this.remove(oldToken);
    const rolename = `tiantai-device-${token}`;
    this.send([
      {
        command: 'createRole',
        rolename,
        acls: topicsOf(token, kind).map((topic) => ({ acltype: 'publishClientSend', topic, priority: 0, allow: true })),
      },
      { command: 'createClient', username: token, password: token, roles: [{ rolename, priority: 0 }] },
    ]);
  }

  remove(token: string): void {
    this.send([
      { command: 'deleteClient', username: token },
      { command: 'deleteRole', rolename: `tiantai-device-${token}` },
    ]);
  }

  async syncAll(db: Kysely<TelemetryTables>): Promise<number> {
    const devices = await db.selectFrom('devices').select(['access_token', 'kind']).where('access_token', 'is not', null).execute();
    for (const d of devices) if (d.access_token) this.upsert(d.access_token, d.kind);
    return devices.length;
  }
}
