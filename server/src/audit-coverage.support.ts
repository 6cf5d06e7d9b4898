// What the two halves of the audit coverage suite share (audit-coverage.test.ts and
// audit-coverage-operations.test.ts): the lists of write endpoints, and the driver that makes one call and
// collects the audit rows it wrote. Not a suite of its own; nothing outside those two files imports it.
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Client, TestApp } from '../test/harness';

/** Checked in audit-coverage.test.ts: identity and the register, direct service and its calendar, screens, projects, targets. */
export const CHECKED_REGISTER = [
  // identity
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'POST /api/auth/password',
  'POST /api/users',
  'PATCH /api/users/{id}',
  'POST /api/api-tokens',
  'DELETE /api/api-tokens/{id}',
  // register
  'POST /api/parks',
  'PATCH /api/parks/{id}',
  'POST /api/departments',
  'PATCH /api/departments/{id}',
  'POST /api/enterprises',
  'PATCH /api/enterprises/{id}',
  'POST /api/enterprises/import',
  // direct service, its settings and the working calendar
  'POST /api/service-requests',
  'POST /api/service-requests/{id}/actions',
  'POST /api/service-requests/{id}/attachments',
  'POST /open311/v2/requests.{format}',
  'PATCH /api/service-requests/categories/{code}',
  'PUT /api/service-requests/green-formula',
  'PUT /api/calendar/{date}',
  'DELETE /api/calendar/{date}',
  // screens
  'POST /api/screen-tokens',
  'DELETE /api/screen-tokens/{id}',
  // projects
  'POST /api/projects',
  'POST /api/projects/import',
  'PATCH /api/projects/{id}',
  'POST /api/projects/{id}/transitions',
  'PUT /api/projects/{id}/investments/{month}',
  'POST /api/projects/{id}/milestones',
  'PATCH /api/projects/{id}/milestones/{milestoneId}',
  'POST /api/projects/{id}/service-requests',
  // targets
  'PUT /api/targets/indicators/{id}/years/{year}',
  'POST /api/targets/tasks',
  'POST /api/targets/tasks/{id}/reports',
] as const;

/** Checked in audit-coverage-operations.test.ts: assets and places, maintenance, inspection, telemetry. */
export const CHECKED_OPERATIONS = [
  // assets and places
  'POST /api/plants',
  'PATCH /api/plants/{id}',
  'POST /api/lines',
  'PATCH /api/lines/{id}',
  'POST /api/assets',
  'PATCH /api/assets/{id}',
  'POST /api/assets/{id}/lifecycle',
  'POST /api/assets/{id}/readings',
  'PUT /api/assets/sharing',
  'POST /api/assets/{id}/mount',
  'POST /api/assets/{id}/unmount',
  'POST /api/assets/{id}/transfer',
  'POST /api/asset-transfers/{id}/accept',
  'POST /api/asset-transfers/{id}/decline',
  'POST /api/asset-transfers/{id}/cancel',
  // maintenance
  'POST /api/maintenance/plans',
  'PATCH /api/maintenance/plans/{id}',
  'DELETE /api/maintenance/plans/{id}',
  'POST /api/work-orders',
  'POST /api/work-orders/{id}/actions',
  'PUT /api/work-orders/{id}/checklist/{itemId}',
  'POST /api/work-orders/{id}/attachments',
  'POST /api/spare-parts',
  'POST /api/spare-parts/{id}/adjust',
  'PUT /api/maintenance/sharing',
  // inspection
  'POST /api/inspection/routes',
  'PATCH /api/inspection/routes/{id}',
  'POST /api/inspection/routes/{id}/points',
  'PUT /api/inspection/routes/{id}/point-order',
  'PATCH /api/inspection/points/{id}',
  'DELETE /api/inspection/points/{id}',
  'POST /api/inspection/rounds',
  'POST /api/inspection/rounds/{id}/check-in',
  'POST /api/inspection/rounds/{id}/results',
  'POST /api/inspection/rounds/{id}/items/{itemId}/photo',
  'POST /api/inspection/rounds/{id}/finish',
  // telemetry
  'POST /api/telemetry/devices',
  'PATCH /api/telemetry/devices/{id}',
  'DELETE /api/telemetry/devices/{id}',
  'POST /api/telemetry/devices/{id}/rotate-token',
  'POST /api/telemetry/alarms/{id}/acknowledge',
  'POST /api/telemetry/alarm-rules',
  'PATCH /api/telemetry/alarm-rules/{id}',
  'DELETE /api/telemetry/alarm-rules/{id}',
] as const;

/** Write endpoints that change no state of a module's records, or whose record is not an audited change. */
export const EXEMPT: Record<string, string> = {
  'POST /api/notifications/read': 'marks the caller’s own bell notices read; a per-user view state, not a record',
  'POST /api/v1/{token}/telemetry': 'device telemetry: machine data at high rate, not a user’s state change',
};

export type Endpoint = (typeof CHECKED_REGISTER)[number] | (typeof CHECKED_OPERATIONS)[number];

/** An audit_log row as these suites compare it. */
export interface AuditRow {
  action: string;
  entity: string;
  entity_id: string;
  organisation_id: string | null;
  actor_username: string | null;
}

/** The row `who` should leave: under its own organisation unless the record belongs to another (or to none). */
export function auditRow(
  who: Client,
  action: string,
  entity: string,
  entityId: string,
  organisationId: string | null = who.organisationId,
): AuditRow {
  return { action, entity, entity_id: entityId, organisation_id: organisationId, actor_username: who.username };
}

/** Rows in a fixed order (by content, as rows written in one transaction may share their time). */
const byContent = (a: AuditRow, b: AuditRow) =>
  [a.entity, a.action, a.entity_id, a.organisation_id ?? '']
    .join('\u0000')
    .localeCompare([b.entity, b.action, b.entity_id, b.organisation_id ?? ''].join('\u0000'));

export interface Call {
  /** Values for the endpoint's {placeholders}. */
  params?: Record<string, string | number>;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * Makes one successful (2xx) call of a listed write endpoint and answers with the audit rows it wrote: the
 * rows of audit_log that were not there before the call. Remembers which endpoints it drove, so a suite can
 * prove it drove every endpoint it lists as checked.
 */
export class EndpointDriver {
  readonly driven = new Set<Endpoint>();

  constructor(private readonly t: TestApp) {}

  /** `who` null: an anonymous call (Open311 with its api_key, a sign-in). */
  async drive(who: Client | null, endpoint: Endpoint, call: Call = {}): Promise<{ res: LightMyRequestResponse; rows: AuditRow[] }> {
    const [method, template] = endpoint.split(' ') as ['POST' | 'PUT' | 'PATCH' | 'DELETE', string];
    const url = template.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = call.params?.[name];
      if (value === undefined) throw new Error(`${endpoint}: no value for {${name}}`);
      return encodeURIComponent(String(value));
    });
    const before = new Set((await this.t.db.selectFrom('audit_log').select('id').execute()).map((r) => r.id));
    const res = who
      ? await who.request(method, url, call.body, call.headers)
      : await this.t.app.inject({ method, url, headers: call.headers, payload: call.body as string | object | undefined });
    expect(res.statusCode, `${endpoint}: ${res.body}`).toBeGreaterThanOrEqual(200);
    expect(res.statusCode, `${endpoint}: ${res.body}`).toBeLessThan(300);
    this.driven.add(endpoint);
    const rows = await this.t.db
      .selectFrom('audit_log')
      .select(['id', 'action', 'entity', 'entity_id', 'organisation_id', 'actor_username'])
      .execute();
    return {
      res,
      rows: rows
        .filter((r) => !before.has(r.id))
        .map(({ id: _id, ...row }) => row)
        .sort(byContent),
    };
  }

  /** Drives the endpoint and expects exactly these audit rows (in any order). */
  async expectRows(who: Client | null, endpoint: Endpoint, call: Call, expected: AuditRow[]): Promise<LightMyRequestResponse> {
    const { res, rows } = await this.drive(who, endpoint, call);
    expect(rows, endpoint).toEqual([...expected].sort(byContent));
    return res;
  }

  /**
   * Drives an endpoint that creates a record and expects exactly the rows `expected` names for the new id
   * (read from the answer by `idOf`: `id` by default).
   */
  async expectCreated(
    who: Client | null,
    endpoint: Endpoint,
    call: Call,
    expected: (id: string) => AuditRow[],
    idOf: (body: never) => string = (body: { id: string }) => body.id,
  ): Promise<{ id: string; res: LightMyRequestResponse }> {
    const { res, rows } = await this.drive(who, endpoint, call);
    const id = idOf(res.json<never>());
    expect(id, endpoint).toEqual(expect.any(String));
    expect(rows, endpoint).toEqual([...expected(id)].sort(byContent));
    return { id, res };
  }
}
