import { describe, expect, it } from 'vitest';
import { ConfigError, fastifyTrustProxy, loadConfig } from './config';

describe('configuration', () => {
  it('has embedded defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, mqttPort: 1883, mqttUrl: undefined, databaseUrl: undefined, demoData: true });
    expect(config.dataDir).toMatch(/data$/);
    expect(config.telemetryLimits).toEqual({ maxGatewayChildren: 500, maxDeviceSeries: 300 });
  });

  it('reads the caps on gateway children and device series, refusing a cap below 1', () => {
    expect(loadConfig({ MAX_GATEWAY_CHILDREN: '20', MAX_DEVICE_SERIES: '50' }).telemetryLimits).toEqual({
      maxGatewayChildren: 20,
      maxDeviceSeries: 50,
    });
    try {
      loadConfig({ MAX_GATEWAY_CHILDREN: '0', MAX_DEVICE_SERIES: 'many' });
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).problems.map((p) => p.split(':')[0]).sort()).toEqual(['MAX_DEVICE_SERIES', 'MAX_GATEWAY_CHILDREN']);
    }
  });

  it('reads the county time zone as an IANA name, Asia/Shanghai by default', () => {
    expect(loadConfig({}).countyTimeZone).toBe('Asia/Shanghai');
    expect(loadConfig({ COUNTY_TIME_ZONE: 'Asia/Urumqi' }).countyTimeZone).toBe('Asia/Urumqi');
    for (const bad of ['+08:00', 'Beijing', 'Asia/Nowhere'])
      expect(() => loadConfig({ COUNTY_TIME_ZONE: bad }), bad).toThrow(/COUNTY_TIME_ZONE/);
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

  it('reads TRUST_PROXY as off, a proxy count (true: one) or a list of proxy addresses', () => {
    const trust = (value: string | undefined) => loadConfig({ TRUST_PROXY: value }).trustProxy;
    expect([undefined, 'false', 'no', '0'].map(trust)).toEqual([false, false, false, false]);
    // true used to believe every X-Forwarded-For entry, the left-most of which the client writes: now one proxy.
    expect(['true', 'yes', '1', '2'].map(trust)).toEqual([1, 1, 1, 2]);
    expect(trust('10.0.0.1, 10.1.0.0/16,::1, fd00::/8, 192.168.0.0/255.255.0.0, loopback')).toEqual([
      '10.0.0.1',
      '10.1.0.0/16',
      '::1',
      'fd00::/8',
      '192.168.0.0/255.255.0.0',
      'loopback',
    ]);
    for (const bad of ['maybe', '10.0.0.0/33', '10.0.0.1/8/8', 'proxy.example', '33', '10.0.0.1,,nope']) {
      expect(() => trust(bad), bad).toThrow(/TRUST_PROXY/);
    }
  });

  it('hands Fastify a hop count as a function of the hop, since it reads a bare number as trust nothing', () => {
    expect(fastifyTrustProxy(false)).toBe(false);
    expect(fastifyTrustProxy(0)).toBe(false);
    expect(fastifyTrustProxy(['10.0.0.1'])).toEqual(['10.0.0.1']);
    const oneHop = fastifyTrustProxy(1) as (address: string, hop: number) => boolean;
    expect([oneHop('10.0.0.1', 0), oneHop('203.0.113.5', 1)]).toEqual([true, false]);
  });

  it('reads PostgreSQL, an external broker and DEMO_DATA=false', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@h/db', MQTT_URL: 'mqtt://127.0.0.1:1883', DEMO_DATA: 'false', PORT: '8080' });
    expect(config).toMatchObject({ databaseUrl: 'postgres://u@h/db', mqttUrl: 'mqtt://127.0.0.1:1883', demoData: false, port: 8080 });
  });
});
