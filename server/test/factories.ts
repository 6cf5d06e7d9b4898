// Just the rows a suite needs, made as the county makes them: after the one bootstrap a fresh install runs
// (the county admin), everything goes through the API — the register, users, plants, machines — so a factory
// row passes the same validation, audit and tenancy as a real one, and no suite depends on the demo county.
// Suites about the demo itself, the access matrix and the browser flows keep the demo (createTestApp's default).
import type { AssetBody, Role } from '@tiantai/shared';
import type { FastifyInstance } from 'fastify';
import { createOrganisation, provisionUser } from '../src/modules/identity';
import { login, type Client, type TestApp } from './harness';

const PASSWORD = 'Factory-Password#2026';
const OWN_PASSWORD = 'Own-Password#2026';

let serial = 0;
/** A name no other factory call in this process used: suites may call a factory many times. */
const unique = (prefix: string) => `${prefix}${process.pid.toString(36)}${(++serial).toString(36)}`;

/** The county organisation and its admin, signed in (createTestApp with `demo: false` starts with no user). */
export async function countyAdmin(t: TestApp): Promise<Client> {
  const username = unique('admin');
  const organisationId = await createOrganisation(t.db, 'county', unique('县级管理'));
  await provisionUser(t.db, { organisationId, username, displayName: '县管理员', role: 'county_admin', password: PASSWORD });
  return login(t.app, username, PASSWORD);
}

/** A user of an organisation, created by an admin through /api/users and signed in. */
export async function userOf(
  app: FastifyInstance,
  admin: Client,
  organisationId: string,
  role: Role,
  displayName = '测试用户',
): Promise<Client> {
  const username = unique('u');
  const res = await admin.post('/api/users', { username, displayName, role, organisationId, password: PASSWORD });
  if (res.statusCode !== 201) throw new Error(`factory user ${role}: ${res.statusCode} ${res.body}`);
  // As a person would: the first sign-in asks for a password of one's own.
  const first = await login(app, username, PASSWORD);
  const changed = await first.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: OWN_PASSWORD });
  if (changed.statusCode !== 204) throw new Error(`factory user ${role}: password ${changed.statusCode} ${changed.body}`);
  return login(app, username, OWN_PASSWORD);
}

/** An enterprise in the register and its admin, signed in. */
export async function enterprise(app: FastifyInstance, county: Client, name = unique('测试企业')): Promise<{ id: string; admin: Client }> {
  const res = await county.post('/api/enterprises', { name, aboveScale: true });
  if (res.statusCode !== 201) throw new Error(`factory enterprise: ${res.statusCode} ${res.body}`);
  const id = res.json<{ enterprise: { id: string } }>().enterprise.id;
  return { id, admin: await userOf(app, county, id, 'enterprise_admin', `${name}管理员`) };
}

/** A county department that takes requests, and its handler, signed in. */
export async function department(app: FastifyInstance, county: Client, name = unique('测试局')): Promise<{ id: string; handler: Client }> {
  const res = await county.post('/api/departments', { name, kind: 'bureau', acceptsRequests: true });
  if (res.statusCode !== 201) throw new Error(`factory department: ${res.statusCode} ${res.body}`);
  const id = res.json<{ id: string }>().id;
  return { id, handler: await userOf(app, county, id, 'department_handler', `${name}经办人`) };
}

/** A plant of the admin's enterprise. */
export async function plant(admin: Client, name = unique('厂区')): Promise<string> {
  const res = await admin.post('/api/plants', { name });
  if (res.statusCode !== 201) throw new Error(`factory plant: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string }>().id;
}

/** A machine (or tooling, a mold) of the admin's enterprise, in service unless told otherwise. */
export async function asset(admin: Client, fields: Partial<AssetBody> & { plantId: string }): Promise<{ id: string; code: string }> {
  const code = fields.code ?? unique('EQ-');
  const res = await admin.post('/api/assets', { kind: 'equipment', name: '注塑机', state: 'in_service', ...fields, code });
  if (res.statusCode !== 201) throw new Error(`factory asset: ${res.statusCode} ${res.body}`);
  return { id: res.json<{ id: string }>().id, code };
}
