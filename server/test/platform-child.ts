// The platform in a process of its own, for suites that kill it (SIGKILL) and start it again on the same
// database. The configuration comes from the environment (as main.ts reads it); once up, one JSON line
// {"httpPort": …, "mqttPort": …} goes to stdout.
import { loadConfig } from '../src/config';
import { startPlatform } from '../src/platform';

const platform = await startPlatform(loadConfig(process.env));
process.stdout.write(`${JSON.stringify({ httpPort: platform.httpPort, mqttPort: platform.mqttPort })}\n`);
