// The process: reads the configuration once, starts the platform, and closes it gracefully on a signal.
import { ConfigError, loadConfig } from './config';
import { PortInUseError, startPlatform } from './platform';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  let platform;
  try {
    platform = await startPlatform(config);
  } catch (error) {
    if (error instanceof PortInUseError) {
      console.error(`\n${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const { app } = platform;
  app.log.info(`Tiantai is up: http://localhost:${platform.httpPort}  (API docs /api/docs)`);
  if (platform.mqttPort !== null) app.log.info(`embedded MQTT broker on port ${platform.mqttPort}`);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    platform
      .close()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        console.error(error);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

await main();
