import { MAX_ASSET_ATTRIBUTES } from '@tiantai/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/engines';
import { countyAdmin, enterprise, plant } from '../../../test/factories';
import { createTestApp, errorCode, type Client, type TestApp } from '../../../test/harness';

describe.each(ENGINES)('an asset’s free attributes on %s', (engine) => {
  let t: TestApp;
  let admin: Client;
  let plantId: string;
  beforeAll(async () => {
    t = await createTestApp(engine, { demo: false });
    admin = (await enterprise(t.app, await countyAdmin(t))).admin;
    plantId = await plant(admin);
  });
  afterAll(async () => t?.close());

  const attributes = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`参数${i}`, 'x'.repeat(500)]));

  it(`holds up to ${MAX_ASSET_ATTRIBUTES} and refuses more (a megabyte of attributes was accepted before), on create and on update`, async () => {
    const made = await admin.post('/api/assets', {
      kind: 'equipment',
      code: 'EQ-1',
      name: '注塑机',
      plantId,
      attributes: attributes(MAX_ASSET_ATTRIBUTES),
    });
    expect(made.statusCode, made.body).toBe(201);
    const tooMany = await admin.post('/api/assets', {
      kind: 'equipment',
      code: 'EQ-2',
      name: '注塑机',
      plantId,
      attributes: attributes(1800),
    });
    expect([tooMany.statusCode, errorCode(tooMany)]).toEqual([400, 'VALIDATION_FAILED']);
    const id = made.json<{ id: string }>().id;
    const grown = await admin.patch(`/api/assets/${id}`, { attributes: attributes(MAX_ASSET_ATTRIBUTES + 1) });
    expect([grown.statusCode, errorCode(grown)]).toEqual([400, 'VALIDATION_FAILED']);
    expect(Object.keys((await admin.get(`/api/assets/${id}`)).json<{ attributes: object }>().attributes)).toHaveLength(
      MAX_ASSET_ATTRIBUTES,
    );
  });
});
