// A real Mosquitto for the suites that need an external broker: a private process per suite on a free port,
// with the dynamic-security plugin, so devices authenticate with their own tokens as they would in production.
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';

const MOSQUITTO = '/usr/sbin/mosquitto';
const MOSQUITTO_CTRL = '/usr/bin/mosquitto_ctrl';
const DYNSEC_PLUGIN = '/usr/lib/x86_64-linux-gnu/mosquitto_dynamic_security.so';
const execFileAsync = promisify(execFile);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An MQTT.js connection that does not reconnect by itself. */
export function connect(url: string, options: IClientOptions): Promise<MqttClient> {
  return new Promise((resolve, reject) => {
    const client = mqtt.connect(url, { reconnectPeriod: 0, connectTimeout: 10_000, protocolVersion: 4, ...options });
    client.once('connect', () => resolve(client));
    client.once('error', (error) => {
      client.end(true);
      reject(error);
    });
  });
}

/** The CONNACK return code a CONNECT gets (0 accepted). */
export async function connackCode(url: string, options: IClientOptions): Promise<number | undefined> {
  try {
    const client = await connect(url, options);
    await client.endAsync();
    return 0;
  } catch (error) {
    return (error as Error & { code?: number }).code;
  }
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface Mosquitto {
  port: number;
  url: string;
  stop(): Promise<void>;
}

/** A private Mosquitto with the dynamic-security plugin whose admin is adminUser, on a free port. */
export async function startMosquitto(adminUser: string, adminPass: string): Promise<Mosquitto> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiantai-mosquitto-'));
  const dynsec = path.join(dir, 'dynamic-security.json');
  await execFileAsync(MOSQUITTO_CTRL, ['dynsec', 'init', dynsec, adminUser, adminPass]);
  const port = await freePort();
  const conf = path.join(dir, 'mosquitto.conf');
  fs.writeFileSync(
    conf,
    [
      `listener ${port} 127.0.0.1`,
      'allow_anonymous false',
      `plugin ${DYNSEC_PLUGIN}`,
      `plugin_opt_config_file ${dynsec}`,
      'persistence false',
      // Started as root it would switch to the user "mosquitto", who cannot write the temp folder.
      ...(process.getuid?.() === 0 ? ['user root'] : []),
      'log_dest stderr',
      'log_type error',
      'log_type warning',
      '',
    ].join('\n'),
  );
  const child = spawn(MOSQUITTO, ['-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const url = `mqtt://127.0.0.1:${port}`;
  // Listening once its admin can connect (a hook, where expect.poll is not available).
  for (let tries = 0; (await connackCode(url, { username: adminUser, password: adminPass })) !== 0; tries++) {
    if (child.exitCode !== null || tries > 100) {
      child.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
      throw new Error(`mosquitto did not start:\n${output}`);
    }
    await sleep(100);
  }
  return {
    port,
    url,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
