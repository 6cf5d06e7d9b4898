import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('configuration', () => {
  it('has embedded defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, mqttPort: 1883, mqttUrl: undefined, databaseUrl: undefined, demoData: true });
    expect(config.dataDir).toMatch(/data$/);
  });

  it('names every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'eighty', MQTT_PORT: '70000', DATABASE_URL: 'mysql://x', DEMO_DATA: 'maybe' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.map((p) => p.split(':')[0]);
      expect(problems.sort()).toEqual(['DATABASE_URL', 'DEMO_DATA', 'MQTT_PORT', 'PORT']);
    }
  });

  it('reads PostgreSQL, an external broker and DEMO_DATA=false', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@h/db', MQTT_URL: 'mqtt://127.0.0.1:1883', DEMO_DATA: 'false', PORT: '8080' });
    expect(config).toMatchObject({ databaseUrl: 'postgres://u@h/db', mqttUrl: 'mqtt://127.0.0.1:1883', demoData: false, port: 8080 });
  });
});
