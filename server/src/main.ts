// The process: reads the configuration once, starts the platform, and closes it gracefully on a signal.
import { ConfigError, StartupError, loadConfig } from './config';
import { startPlatform } from './platform';

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
    if (error instanceof StartupError) {
      console.error(`Tiantai did not start. ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const { app } = platform;
  app.log.info(`Tiantai is up: http://localhost:${platform.httpPort}  (API docs /api/docs)`);
  if (config.demoData && !config.hostExplicit)
    app.log.info('demo data is on, so only this machine can connect; set HOST=0.0.0.0 and DEMO_PASSWORD to open it to the network');
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
