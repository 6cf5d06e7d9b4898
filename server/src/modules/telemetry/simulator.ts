// Demo machines publishing through a real MQTT client (MQTT.js), as their PLC gateways would: presses
// cycling with a shot counter, hydraulic oil temperature, motor current and power, with stops, idle spells
// and the occasional fault or overheating. `npm start` runs it in demo mode; `npm run simulate` on its own.
import type { Kysely } from 'kysely';
import mqtt, { type MqttClient } from 'mqtt';
import { seededRandom } from '../../lib/random';
import type { TelemetryTables } from './telemetry.tables';

export interface SimulatorOptions {
  db: Kysely<TelemetryTables>;
  /** mqtt://host:port of the broker the platform listens on. */
  brokerUrl: string;
  /** External broker: each device publishes to its own topic with its token as username and password. */
  external: boolean;
  intervalMs?: number;
  log?: { info(msg: string): void; warn(obj: object, msg: string): void };
}

interface Machine {
  client: MqttClient;
  topic: string;
  state: 'running' | 'idle' | 'down';
  stateLeft: number;
  shots: number;
  oilTemp: number;
  current: number;
  overheatLeft: number;
}

const STATE_CODE = { running: 1, idle: 2, down: 3 } as const;

export async function startSimulator(options: SimulatorOptions): Promise<{ devices: number; stop(): Promise<void> }> {
  const random = seededRandom(Date.now() % 100_000);
  const devices = await options.db
    .selectFrom('devices')
    .select(['access_token', 'device_type'])
    .where('kind', '=', 'device')
    .where('access_token', 'is not', null)
    .where('asset_id', 'is not', null)
    .orderBy('name')
    .execute();
  const machines: Machine[] = devices.map((d, i) => {
    const token = d.access_token ?? '';
    const client = mqtt.connect(options.brokerUrl, {
      username: token,
      ...(options.external && { password: token }),
      clientId: `sim-${token.slice(0, 8)}`,
      reconnectPeriod: 5000,
      connectTimeout: 10_000,
    });
    client.on('error', (error) => options.log?.warn({ err: error }, 'simulated device: MQTT error'));
    return {
      client,
      topic: options.external ? `v1/devices/${token}/telemetry` : 'v1/devices/me/telemetry',
      state: 'running',
      stateLeft: 20 + Math.floor(random() * 100),
      shots: 100_000 + i * 7_919,
      oilTemp: 48 + random() * 6,
      current: 55 + random() * 10,
      overheatLeft: 0,
    };
  });

  const step = (m: Machine) => {
    m.stateLeft -= 1;
    if (m.stateLeft <= 0) {
      const r = random();
      m.state = r < 0.8 ? 'running' : r < 0.95 ? 'idle' : 'down';
      m.stateLeft = m.state === 'running' ? 60 + Math.floor(random() * 240) : 6 + Math.floor(random() * 30);
      if (m.state === 'running' && random() < 0.05) m.overheatLeft = 12;
    }
    if (m.state === 'running') m.shots += 1 + Math.floor(random() * 3);
    const targetTemp = m.overheatLeft > 0 ? 66 : m.state === 'running' ? 52 : 40;
    m.overheatLeft = Math.max(0, m.overheatLeft - 1);
    m.oilTemp += (targetTemp - m.oilTemp) * 0.2 + (random() - 0.5);
    m.current = m.state === 'running' ? 55 + random() * 20 : m.state === 'idle' ? 8 + random() * 4 : 0;
    const values = {
      state: STATE_CODE[m.state],
      shots: m.shots,
      oil_temp: Math.round(m.oilTemp * 10) / 10,
      current: Math.round(m.current * 10) / 10,
      power_kw: Math.round(m.current * 0.38 * 1.73 * 0.85 * 10) / 10,
    };
    if (m.client.connected) m.client.publish(m.topic, JSON.stringify({ ts: Date.now(), values }), { qos: 1 });
  };

  const timer = setInterval(() => machines.forEach(step), options.intervalMs ?? 5_000);
  options.log?.info(`simulator: ${machines.length} demo machines publishing to ${options.brokerUrl}`);
  return {
    devices: machines.length,
    stop: async () => {
      clearInterval(timer);
      await Promise.all(machines.map((m) => m.client.endAsync(true)));
    },
  };
}
