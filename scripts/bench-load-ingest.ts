// The ingest benchmark's load as a bench:screens load: the seed's 2023 county — 500 gateways, each carrying
// 30 machines of 10 metrics every 5 s (100 messages/s, 30,000 points/s) over QoS 1 into the server under
// test, so the screens' latency is measured while machine data streams in.
//   npm run bench:screens -- --load ./scripts/bench-load-ingest.ts [GATEWAYS=500 MACHINES=30]
import mqtt, { type MqttClient } from 'mqtt';
import type { BenchLoad } from './bench-screens';

const GATEWAYS = Number(process.env.GATEWAYS ?? 500);
const MACHINES = Number(process.env.MACHINES ?? 30);
const PERIOD_MS = 5_000;
const METRICS = ['state', 'shots', 'oil_temp', 'current', 'power_kw', 'pressure', 'speed', 'vibration', 'mold_temp', 'cycle_time'];

const load: BenchLoad = {
  name: `ingest ${GATEWAYS}×${MACHINES}`,
  async start(ctx) {
    const headers = { cookie: ctx.session.cookie, 'x-csrf-token': ctx.session.csrfToken, 'content-type': 'application/json' };
    const tokens: string[] = [];
    for (let g = 0; g < GATEWAYS; g++) {
      const res = await fetch(`${ctx.base}/api/telemetry/devices`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ name: `压测网关 ${g}`, kind: 'gateway' }),
      });
      if (res.status !== 201) throw new Error(`gateway ${g}: ${res.status} ${await res.text()}`);
      tokens.push(((await res.json()) as { credentials: { accessToken: string } }).credentials.accessToken);
    }
    let acked = 0;
    let failed = 0;
    const clients: MqttClient[] = await Promise.all(
      tokens.map(
        (token) =>
          new Promise<MqttClient>((resolve, reject) => {
            const client = mqtt.connect(`mqtt://127.0.0.1:${ctx.mqttPort}`, { username: token, reconnectPeriod: 0 });
            client.once('connect', () => resolve(client));
            client.once('error', reject);
          }),
      ),
    );
    const started = Date.now();
    let stopped = 0;
    const timers = clients.map((client, g) =>
      setTimeout(
        () => {
          const send = () => {
            const ts = Date.now();
            const body: Record<string, Array<{ ts: number; values: Record<string, number> }>> = {};
            for (let m = 0; m < MACHINES; m++)
              body[`G${g}-M${m}`] = [
                { ts, values: Object.fromEntries(METRICS.map((k, i) => [k, i === 1 ? ts / 1000 : Math.random() * 100])) },
              ];
            client.publish('v1/gateway/telemetry', JSON.stringify(body), { qos: 1 }, (error) => (error ? failed++ : acked++));
          };
          send();
          timers[g] = setInterval(send, PERIOD_MS);
        },
        (g * PERIOD_MS) / GATEWAYS,
      ),
    );
    return {
      stop: async () => {
        stopped = Date.now();
        timers.forEach((t) => clearInterval(t));
        await Promise.all(clients.map((c) => c.endAsync()));
      },
      summary: () => {
        const seconds = ((stopped || Date.now()) - started) / 1000;
        return `${acked} gateway messages acknowledged (${((acked * MACHINES * METRICS.length) / seconds).toFixed(0)} points/s), ${failed} failed`;
      },
    };
  },
};

export default load;
