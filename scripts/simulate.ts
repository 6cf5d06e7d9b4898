// `npm run simulate`: the demo machines publish over MQTT to a running platform, as `npm start` does in demo
// mode (SIMULATE=false turns that off there). Reads the devices and their tokens from the platform's
// database (the same DATA_DIR / DATABASE_URL) and publishes to MQTT_URL, else to the embedded broker on
// 127.0.0.1:MQTT_PORT. Stops on Ctrl+C.
import { loadConfig } from '../server/src/config';
import { openDatabase } from '../server/src/db/connection';
import { startSimulator, type TelemetryTables } from '../server/src/modules/telemetry';

const config = loadConfig();
const { db } = openDatabase<TelemetryTables>({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
const brokerUrl = config.mqttUrl ?? `mqtt://127.0.0.1:${config.mqttPort}`;
const simulator = await startSimulator({
  db,
  brokerUrl,
  external: Boolean(config.mqttUrl),
  log: { info: (msg) => console.log(msg), warn: (obj, msg) => console.warn(msg, obj) },
});
if (simulator.devices === 0)
  console.warn('no devices with a token and a machine in this database: start the platform with demo data first');
const stop = async () => {
  await simulator.stop();
  await db.destroy();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
