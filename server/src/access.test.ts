// Tenancy and role boundaries for every endpoint of the API. The last test compares this table with the
// OpenAPI document, so an endpoint added without a row here fails the suite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../test/engines';
import { createTestApp, login, type Client, type TestApp } from '../test/harness';

interface Ctx {
  t: TestApp;
  admin: Client;
  yinlun: Client; // enterprise admin of 银轮
  shanhe: Client; // enterprise admin of 山河包装箱: the "other enterprise"
  zhujian: Client; // department handler
  shanheUserId: string;
  shanheTokenId: string;
  parkId: string;
  departmentId: string;
  shanheRequestId: string;
  yinlunPlantId: string;
  yinlunLineId: string;
  yinlunMoldId: string;
  /** A pending offer of another 银轮 mold to a third enterprise: 山河 is an outsider to it. */
  yinlunOfferId: string;
  yinlunPressId: string;
  yinlunPlanId: string;
  yinlunWorkOrderId: string;
  yinlunPartId: string;
  yinlunInspectionRouteId: string;
  yinlunInspectionPointId: string;
  yinlunInspectionItemId: string;
  yinlunInspectionRoundId: string;
  yinlunInspectionToken: string;
  yinlunDeviceId: string;
  yinlunDeviceToken: string;
  yinlunRuleId: string;
  yinlunAlarmId: string;
  yinlunScreenTokenId: string;
  shanheProjectId: string;
  shanheMilestoneId: string;
  indicatorId: string;
  otherDepartmentTaskId: string;
}

type Check = (c: Ctx) => Promise<void>;

/** What an outsider (another enterprise, a department handler) gets from each endpoint. */
const ACCESS: Record<string, Check> = {
  'GET /api/health': async ({ t }) => {
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  },
  'GET /api/health/live': async ({ t }) => {
    expect((await t.app.inject({ method: 'GET', url: '/api/health/live' })).json()).toEqual({ status: 'ok' });
  },
  'POST /api/auth/login': async ({ t }) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'shanhe', password: 'guess-guess' } });
    expect(res.statusCode).toBe(401);
  },
  'POST /api/auth/logout': async ({ t, yinlun, shanhe }) => {
    // Logging out ends only the caller's own session.
    const other = await login(t.app, 'yinlun');
    expect((await other.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await shanhe.get('/api/auth/session')).statusCode).toBe(200);
    expect((await yinlun.get('/api/auth/session')).statusCode).toBe(200);
  },
  'GET /api/auth/session': async ({ yinlun }) => {
    expect((await yinlun.get('/api/auth/session')).json().user.username).toBe('yinlun');
  },
  'POST /api/auth/password': async ({ t }) => {
    // Only the caller's own password, and only with the current one.
    const tech = await login(t.app, 'yinlun.tech');
    expect((await tech.post('/api/auth/password', { currentPassword: 'not-mine', newPassword: 'Whatever#2026' })).statusCode).toBe(400);
  },
  'GET /api/organisations': async ({ yinlun }) => {
    expect((await yinlun.get('/api/organisations')).json().map((o: { id: string }) => o.id)).toEqual([yinlun.organisationId]);
  },
  'GET /api/users': async ({ yinlun, zhujian }) => {
    const items = (await yinlun.get('/api/users?pageSize=200')).json().items as Array<{ organisationId: string }>;
    expect(items.every((u) => u.organisationId === yinlun.organisationId)).toBe(true);
    expect((await zhujian.get('/api/users')).statusCode).toBe(403);
  },
  'POST /api/users': async ({ yinlun, shanhe, zhujian }) => {
    const body = {
      username: 'intruder',
      displayName: 'x',
      role: 'enterprise_admin',
      organisationId: shanhe.organisationId,
      password: 'Secret#2026',
    };
    expect((await yinlun.post('/api/users', body)).statusCode).toBe(404);
    expect(
      (await zhujian.post('/api/users', { ...body, organisationId: zhujian.organisationId, role: 'department_handler' })).statusCode,
    ).toBe(403);
  },
  'GET /api/users/{id}': async ({ yinlun, zhujian, shanheUserId }) => {
    expect((await yinlun.get(`/api/users/${shanheUserId}`)).statusCode).toBe(404);
    expect((await zhujian.get(`/api/users/${shanheUserId}`)).statusCode).toBe(404);
  },
  'PATCH /api/users/{id}': async ({ yinlun, zhujian, shanhe, shanheUserId }) => {
    expect((await yinlun.patch(`/api/users/${shanheUserId}`, { displayName: 'pwned' })).statusCode).toBe(404);
    expect((await zhujian.patch(`/api/users/${shanheUserId}`, { displayName: 'pwned' })).statusCode).toBe(403);
    expect((await shanhe.get(`/api/users/${shanheUserId}`)).json().displayName).not.toBe('pwned');
  },
  'GET /api/api-tokens': async ({ yinlun, shanheTokenId }) => {
    expect((await yinlun.get('/api/api-tokens')).json().map((x: { id: string }) => x.id)).not.toContain(shanheTokenId);
  },
  'POST /api/api-tokens': async ({ yinlun }) => {
    const created = (await yinlun.post('/api/api-tokens', { name: 'own' })).json();
    expect((await yinlun.get('/api/api-tokens')).json().map((x: { id: string }) => x.id)).toContain(created.id);
  },
  'DELETE /api/api-tokens/{id}': async ({ yinlun, shanhe, shanheTokenId }) => {
    expect((await yinlun.delete(`/api/api-tokens/${shanheTokenId}`)).statusCode).toBe(404);
    expect((await shanhe.get('/api/api-tokens')).json().map((x: { id: string }) => x.id)).toContain(shanheTokenId);
  },
  'GET /api/audit': async ({ yinlun, zhujian }) => {
    const items = (await yinlun.get('/api/audit?pageSize=200')).json().items as Array<{ organisationId: string }>;
    expect(items.every((e) => e.organisationId === yinlun.organisationId)).toBe(true);
    expect((await zhujian.get('/api/audit')).statusCode).toBe(403);
  },
  'GET /api/parks': async ({ yinlun }) => {
    expect((await yinlun.get('/api/parks')).statusCode).toBe(200); // the county's parks are public to users
  },
  'POST /api/parks': async ({ yinlun, zhujian }) => {
    const body = { name: '非法园区', kind: 'park', towns: [], areaKm2: null, plannedInvestmentWan: null };
    expect((await yinlun.post('/api/parks', body)).statusCode).toBe(403);
    expect((await zhujian.post('/api/parks', body)).statusCode).toBe(403);
  },
  'GET /api/parks/{id}': async ({ yinlun, parkId }) => {
    expect((await yinlun.get(`/api/parks/${parkId}`)).statusCode).toBe(200);
  },
  'PATCH /api/parks/{id}': async ({ yinlun, zhujian, parkId }) => {
    expect((await yinlun.patch(`/api/parks/${parkId}`, { areaKm2: 0 })).statusCode).toBe(403);
    expect((await zhujian.patch(`/api/parks/${parkId}`, { areaKm2: 0 })).statusCode).toBe(403);
  },
  'GET /api/departments': async ({ yinlun }) => {
    expect((await yinlun.get('/api/departments')).statusCode).toBe(200);
  },
  'POST /api/departments': async ({ yinlun, zhujian }) => {
    const body = { name: '假部门', kind: 'bureau', acceptsRequests: true };
    expect((await yinlun.post('/api/departments', body)).statusCode).toBe(403);
    expect((await zhujian.post('/api/departments', body)).statusCode).toBe(403);
  },
  'GET /api/departments/{id}': async ({ yinlun, departmentId }) => {
    expect((await yinlun.get(`/api/departments/${departmentId}`)).statusCode).toBe(200);
  },
  'PATCH /api/departments/{id}': async ({ yinlun, zhujian, departmentId }) => {
    expect((await yinlun.patch(`/api/departments/${departmentId}`, { acceptsRequests: false })).statusCode).toBe(403);
    expect((await zhujian.patch(`/api/departments/${departmentId}`, { acceptsRequests: false })).statusCode).toBe(403);
  },
  'GET /api/enterprises': async ({ yinlun, shanhe }) => {
    const ids = (await yinlun.get('/api/enterprises?pageSize=200')).json().items.map((e: { id: string }) => e.id);
    expect(ids).toEqual([yinlun.organisationId]);
    const searched = (await yinlun.get(`/api/enterprises?q=${encodeURIComponent('山河')}`)).json();
    expect(searched.total).toBe(0);
    expect(shanhe.organisationId).not.toBe(yinlun.organisationId);
  },
  'POST /api/enterprises': async ({ yinlun, zhujian }) => {
    expect((await yinlun.post('/api/enterprises', { name: '冒名企业' })).statusCode).toBe(403);
    expect((await zhujian.post('/api/enterprises', { name: '冒名企业' })).statusCode).toBe(403);
  },
  'GET /api/enterprises/{id}': async ({ yinlun, shanhe }) => {
    expect((await yinlun.get(`/api/enterprises/${shanhe.organisationId}`)).statusCode).toBe(404);
    expect((await yinlun.get(`/api/enterprises/${yinlun.organisationId}`)).statusCode).toBe(200);
  },
  'PATCH /api/enterprises/{id}': async ({ yinlun, zhujian, shanhe }) => {
    expect((await yinlun.patch(`/api/enterprises/${shanhe.organisationId}`, { contactPhone: '110' })).statusCode).toBe(404);
    expect((await zhujian.patch(`/api/enterprises/${shanhe.organisationId}`, { contactPhone: '110' })).statusCode).toBe(403);
    expect((await shanhe.get(`/api/enterprises/${shanhe.organisationId}`)).json().contactPhone).not.toBe('110');
  },
  'GET /api/enterprises/export.xlsx': async ({ yinlun, zhujian }) => {
    expect((await yinlun.get('/api/enterprises/export.xlsx')).statusCode).toBe(403);
    expect((await zhujian.get('/api/enterprises/export.xlsx')).statusCode).toBe(403);
  },
  'POST /api/enterprises/import': async ({ yinlun, zhujian }) => {
    const headers = { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
    expect((await yinlun.request('POST', '/api/enterprises/import', Buffer.from('x'), headers)).statusCode).toBe(403);
    expect((await zhujian.request('POST', '/api/enterprises/import', Buffer.from('x'), headers)).statusCode).toBe(403);
  },
  'GET /api/service-requests/categories': async ({ yinlun }) => {
    expect((await yinlun.get('/api/service-requests/categories')).statusCode).toBe(200);
  },
  'PATCH /api/service-requests/categories/{code}': async ({ yinlun, zhujian }) => {
    expect((await yinlun.patch('/api/service-requests/categories/tax', { answerDays: 99 })).statusCode).toBe(403);
    expect((await zhujian.patch('/api/service-requests/categories/tax', { answerDays: 99 })).statusCode).toBe(403);
  },
  'GET /api/service-requests': async ({ yinlun, zhujian, shanheRequestId }) => {
    const mine = (await yinlun.get('/api/service-requests?pageSize=200')).json().items as Array<{ id: string; enterpriseId: string }>;
    expect(mine.every((r) => r.enterpriseId === yinlun.organisationId)).toBe(true);
    expect(mine.map((r) => r.id)).not.toContain(shanheRequestId);
    const handled = (await zhujian.get('/api/service-requests?pageSize=200')).json().items as Array<{ id: string }>;
    expect(handled.map((r) => r.id)).not.toContain(shanheRequestId);
  },
  'POST /api/service-requests': async ({ zhujian }) => {
    const body = { categoryCode: 'tax', title: 'x', description: 'x', contactName: 'x', contactPhone: 'x' };
    expect((await zhujian.post('/api/service-requests', body)).statusCode).toBe(403);
  },
  'GET /api/service-requests/statistics': async ({ yinlun, zhujian }) => {
    expect((await yinlun.get('/api/service-requests/statistics')).statusCode).toBe(403);
    expect((await zhujian.get('/api/service-requests/statistics')).statusCode).toBe(403);
  },
  'GET /api/service-requests/statistics.xlsx': async ({ yinlun, zhujian }) => {
    expect((await yinlun.get('/api/service-requests/statistics.xlsx')).statusCode).toBe(403);
    expect((await zhujian.get('/api/service-requests/statistics.xlsx')).statusCode).toBe(403);
  },
  'GET /api/service-requests/green-formula': async ({ yinlun }) => {
    expect((await yinlun.get('/api/service-requests/green-formula')).statusCode).toBe(200);
  },
  'PUT /api/service-requests/green-formula': async ({ yinlun, zhujian }) => {
    const body = { ratings: ['satisfied'], requireOnTime: false };
    expect((await yinlun.request('PUT', '/api/service-requests/green-formula', body)).statusCode).toBe(403);
    expect((await zhujian.request('PUT', '/api/service-requests/green-formula', body)).statusCode).toBe(403);
  },
  'GET /api/service-requests/{id}': async ({ yinlun, zhujian, shanhe, shanheRequestId }) => {
    expect((await yinlun.get(`/api/service-requests/${shanheRequestId}`)).statusCode).toBe(404);
    expect((await zhujian.get(`/api/service-requests/${shanheRequestId}`)).statusCode).toBe(404);
    expect((await shanhe.get(`/api/service-requests/${shanheRequestId}`)).statusCode).toBe(200);
  },
  'POST /api/service-requests/{id}/actions': async ({ yinlun, zhujian, shanhe, shanheRequestId }) => {
    expect((await yinlun.post(`/api/service-requests/${shanheRequestId}/actions`, { action: 'reject', reason: 'x' })).statusCode).toBe(404);
    expect((await zhujian.post(`/api/service-requests/${shanheRequestId}/actions`, { action: 'sign' })).statusCode).toBe(404);
    expect((await shanhe.get(`/api/service-requests/${shanheRequestId}`)).json().status).toBe('submitted');
  },
  'POST /api/service-requests/{id}/attachments': async ({ yinlun, zhujian, shanheRequestId }) => {
    const headers = { 'content-type': 'application/pdf' };
    expect(
      (await yinlun.request('POST', `/api/service-requests/${shanheRequestId}/attachments`, Buffer.from('%PDF-1.4'), headers)).statusCode,
    ).toBe(404);
    expect(
      (await zhujian.request('POST', `/api/service-requests/${shanheRequestId}/attachments`, Buffer.from('%PDF-1.4'), headers)).statusCode,
    ).toBe(404);
  },
  'GET /api/service-requests/{id}/attachments/{attachmentId}': async ({ yinlun, shanhe, shanheRequestId }) => {
    const uploaded = await shanhe.request('POST', `/api/service-requests/${shanheRequestId}/attachments`, Buffer.from('%PDF-1.4 test'), {
      'content-type': 'application/pdf',
    });
    const attachmentId = uploaded.json().attachments[0].id as string;
    expect((await yinlun.get(`/api/service-requests/${shanheRequestId}/attachments/${attachmentId}`)).statusCode).toBe(404);
    expect((await shanhe.get(`/api/service-requests/${shanheRequestId}/attachments/${attachmentId}`)).statusCode).toBe(200);
  },
  // assets: an enterprise sees what it owns or keeps; county staff get counts only; departments nothing.
  'GET /api/plants': async ({ yinlun, shanhe, admin, zhujian, yinlunPlantId }) => {
    expect((await shanhe.get('/api/plants')).json().map((p: { id: string }) => p.id)).not.toContain(yinlunPlantId);
    expect((await admin.get('/api/plants')).statusCode).toBe(403);
    expect((await zhujian.get('/api/plants')).statusCode).toBe(403);
    expect((await yinlun.get('/api/plants')).json().map((p: { id: string }) => p.id)).toContain(yinlunPlantId);
  },
  'POST /api/plants': async ({ t, admin, zhujian }) => {
    const tech = await login(t.app, 'yinlun.tech');
    expect((await tech.post('/api/plants', { name: '三号厂区' })).statusCode).toBe(403);
    expect((await admin.post('/api/plants', { name: '三号厂区' })).statusCode).toBe(403);
    expect((await zhujian.post('/api/plants', { name: '三号厂区' })).statusCode).toBe(403);
  },
  'PATCH /api/plants/{id}': async ({ yinlun, shanhe, zhujian, yinlunPlantId }) => {
    expect((await shanhe.patch(`/api/plants/${yinlunPlantId}`, { name: 'pwned' })).statusCode).toBe(404);
    expect((await zhujian.patch(`/api/plants/${yinlunPlantId}`, { name: 'pwned' })).statusCode).toBe(403);
    expect((await yinlun.get('/api/plants')).json().map((p: { name: string }) => p.name)).not.toContain('pwned');
  },
  'GET /api/lines': async ({ shanhe, admin, yinlunPlantId, yinlunLineId }) => {
    expect((await shanhe.get(`/api/lines?plantId=${yinlunPlantId}`)).json()).toEqual([]);
    expect((await shanhe.get('/api/lines')).json().map((l: { id: string }) => l.id)).not.toContain(yinlunLineId);
    expect((await admin.get('/api/lines')).statusCode).toBe(403);
  },
  'POST /api/lines': async ({ shanhe, zhujian, yinlunPlantId }) => {
    expect((await shanhe.post('/api/lines', { plantId: yinlunPlantId, name: '冒名产线' })).statusCode).toBe(400);
    expect((await zhujian.post('/api/lines', { plantId: yinlunPlantId, name: '冒名产线' })).statusCode).toBe(403);
  },
  'PATCH /api/lines/{id}': async ({ shanhe, zhujian, yinlunLineId }) => {
    expect((await shanhe.patch(`/api/lines/${yinlunLineId}`, { name: 'pwned' })).statusCode).toBe(404);
    expect((await zhujian.patch(`/api/lines/${yinlunLineId}`, { name: 'pwned' })).statusCode).toBe(403);
  },
  'GET /api/assets': async ({ shanhe, admin, zhujian, yinlunMoldId }) => {
    const items = (await shanhe.get('/api/assets?pageSize=200')).json().items as Array<{ id: string }>;
    expect(items.map((a) => a.id)).not.toContain(yinlunMoldId);
    expect((await admin.get('/api/assets')).statusCode).toBe(403);
    expect((await zhujian.get('/api/assets')).statusCode).toBe(403);
  },
  'POST /api/assets': async ({ admin, zhujian }) => {
    const body = { kind: 'equipment', code: 'X-1', name: '冒名设备' };
    expect((await admin.post('/api/assets', body)).statusCode).toBe(403);
    expect((await zhujian.post('/api/assets', body)).statusCode).toBe(403);
  },
  'GET /api/assets/summary': async ({ admin, shanhe, zhujian }) => {
    const county = (await admin.get('/api/assets/summary')).json();
    expect(Object.keys(county).sort()).toEqual(['byKind', 'byState', 'enterprises', 'moldsNearEndOfLife', 'sharedEnterprises', 'total']);
    expect(county.sharedEnterprises).toEqual([]); // aggregates only: nobody has opted in
    expect(county.enterprises).toBeGreaterThan(1);
    expect((await shanhe.get('/api/assets/summary')).json().sharedEnterprises).toEqual([]);
    expect((await shanhe.get('/api/assets/summary')).json().total).toBeLessThan(county.total); // only its own
    expect((await zhujian.get('/api/assets/summary')).statusCode).toBe(403);
  },
  'GET /api/assets/{id}': async ({ yinlun, shanhe, admin, zhujian, yinlunMoldId }) => {
    expect((await shanhe.get(`/api/assets/${yinlunMoldId}`)).statusCode).toBe(404);
    expect((await admin.get(`/api/assets/${yinlunMoldId}`)).statusCode).toBe(403);
    expect((await zhujian.get(`/api/assets/${yinlunMoldId}`)).statusCode).toBe(403);
    expect((await yinlun.get(`/api/assets/${yinlunMoldId}`)).statusCode).toBe(200);
  },
  'PATCH /api/assets/{id}': async ({ yinlun, shanhe, admin, yinlunMoldId }) => {
    expect((await shanhe.patch(`/api/assets/${yinlunMoldId}`, { name: 'pwned' })).statusCode).toBe(404);
    expect((await admin.patch(`/api/assets/${yinlunMoldId}`, { name: 'pwned' })).statusCode).toBe(403);
    expect((await yinlun.get(`/api/assets/${yinlunMoldId}`)).json().name).not.toBe('pwned');
  },
  'POST /api/assets/{id}/lifecycle': async ({ yinlun, shanhe, zhujian, yinlunMoldId }) => {
    const body = { to: 'idle', reason: 'x' };
    expect((await shanhe.post(`/api/assets/${yinlunMoldId}/lifecycle`, body)).statusCode).toBe(404);
    expect((await zhujian.post(`/api/assets/${yinlunMoldId}/lifecycle`, body)).statusCode).toBe(403);
    expect((await yinlun.get(`/api/assets/${yinlunMoldId}`)).json().state).toBe('in_service');
  },
  'POST /api/assets/{id}/readings': async ({ shanhe, admin, yinlunMoldId }) => {
    const body = { counter: 'shots', value: 1, reset: true };
    expect((await shanhe.post(`/api/assets/${yinlunMoldId}/readings`, body)).statusCode).toBe(404);
    expect((await admin.post(`/api/assets/${yinlunMoldId}/readings`, body)).statusCode).toBe(403);
  },
  'GET /api/assets/sharing': async ({ shanhe, admin, zhujian }) => {
    expect((await shanhe.get('/api/assets/sharing')).json()).toEqual({ shared: false, updatedAt: null, updatedBy: null });
    expect((await admin.get('/api/assets/sharing')).statusCode).toBe(403);
    expect((await zhujian.get('/api/assets/sharing')).statusCode).toBe(403);
  },
  'PUT /api/assets/sharing': async ({ admin, zhujian }) => {
    // Only an enterprise admin sets its own enterprise's choice; the county cannot opt anybody in.
    expect((await admin.request('PUT', '/api/assets/sharing', { shared: true })).statusCode).toBe(403);
    expect((await zhujian.request('PUT', '/api/assets/sharing', { shared: true })).statusCode).toBe(403);
    expect((await admin.get('/api/assets/summary')).json().sharedEnterprises).toEqual([]);
  },
  'GET /api/assets/transfer-targets': async ({ yinlun, shanhe, admin, zhujian }) => {
    // a narrow lookup: ids and names of other enterprises only, for enterprise admins only
    const found = (await shanhe.get(`/api/assets/transfer-targets?q=${encodeURIComponent('银轮')}`)).json();
    expect(found.map((e: { id: string }) => e.id)).toContain(yinlun.organisationId);
    expect(found.every((e: object) => Object.keys(e).sort().join() === 'id,name')).toBe(true);
    expect((await shanhe.get('/api/assets/transfer-targets?q=x')).statusCode).toBe(400);
    expect((await admin.get(`/api/assets/transfer-targets?q=${encodeURIComponent('银轮')}`)).statusCode).toBe(403);
    expect((await zhujian.get(`/api/assets/transfer-targets?q=${encodeURIComponent('银轮')}`)).statusCode).toBe(403);
  },
  'POST /api/assets/{id}/mount': async ({ shanhe, zhujian, yinlunMoldId, yinlunPressId }) => {
    expect((await shanhe.post(`/api/assets/${yinlunMoldId}/mount`, { pressId: yinlunPressId })).statusCode).toBe(404);
    expect((await zhujian.post(`/api/assets/${yinlunMoldId}/mount`, { pressId: yinlunPressId })).statusCode).toBe(403);
  },
  'POST /api/assets/{id}/unmount': async ({ yinlun, shanhe, admin, yinlunMoldId }) => {
    expect((await shanhe.post(`/api/assets/${yinlunMoldId}/unmount`)).statusCode).toBe(404);
    expect((await admin.post(`/api/assets/${yinlunMoldId}/unmount`)).statusCode).toBe(403);
    expect((await yinlun.get(`/api/assets/${yinlunMoldId}`)).json().mountedOnAssetId).not.toBeNull();
  },
  'POST /api/assets/{id}/transfer': async ({ yinlun, shanhe, admin, yinlunMoldId }) => {
    const body = { enterpriseId: shanhe.organisationId, role: 'owner' };
    expect((await shanhe.post(`/api/assets/${yinlunMoldId}/transfer`, body)).statusCode).toBe(404);
    expect((await admin.post(`/api/assets/${yinlunMoldId}/transfer`, body)).statusCode).toBe(403);
    expect((await yinlun.get(`/api/assets/${yinlunMoldId}`)).json().enterpriseId).toBe(yinlun.organisationId);
  },
  'GET /api/asset-transfers': async ({ yinlun, shanhe, admin, zhujian, yinlunOfferId }) => {
    // only the offers an enterprise sends or receives; county staff and departments none
    expect((await yinlun.get('/api/asset-transfers')).json().map((o: { id: string }) => o.id)).toContain(yinlunOfferId);
    expect((await shanhe.get('/api/asset-transfers')).json().map((o: { id: string }) => o.id)).not.toContain(yinlunOfferId);
    expect((await admin.get('/api/asset-transfers')).statusCode).toBe(403);
    expect((await zhujian.get('/api/asset-transfers')).statusCode).toBe(403);
  },
  'POST /api/asset-transfers/{id}/accept': async ({ shanhe, admin, zhujian, yinlun, yinlunOfferId }) => {
    expect((await shanhe.post(`/api/asset-transfers/${yinlunOfferId}/accept`)).statusCode).toBe(404);
    expect((await admin.post(`/api/asset-transfers/${yinlunOfferId}/accept`)).statusCode).toBe(403);
    expect((await zhujian.post(`/api/asset-transfers/${yinlunOfferId}/accept`)).statusCode).toBe(403);
    // the sender does not accept its own offer
    expect((await yinlun.post(`/api/asset-transfers/${yinlunOfferId}/accept`)).statusCode).toBe(403);
  },
  'POST /api/asset-transfers/{id}/decline': async ({ shanhe, admin, yinlun, yinlunOfferId }) => {
    expect((await shanhe.post(`/api/asset-transfers/${yinlunOfferId}/decline`, { note: 'x' })).statusCode).toBe(404);
    expect((await admin.post(`/api/asset-transfers/${yinlunOfferId}/decline`, { note: 'x' })).statusCode).toBe(403);
    expect((await yinlun.post(`/api/asset-transfers/${yinlunOfferId}/decline`, { note: 'x' })).statusCode).toBe(403);
  },
  'POST /api/asset-transfers/{id}/cancel': async ({ t, shanhe, admin, yinlun, yinlunOfferId }) => {
    expect((await shanhe.post(`/api/asset-transfers/${yinlunOfferId}/cancel`)).statusCode).toBe(404);
    expect((await admin.post(`/api/asset-transfers/${yinlunOfferId}/cancel`)).statusCode).toBe(403);
    const tech = await login(t.app, 'yinlun.tech');
    expect((await tech.post(`/api/asset-transfers/${yinlunOfferId}/cancel`)).statusCode).toBe(403);
    expect((await yinlun.get(`/api/asset-transfers?status=pending`)).json().map((o: { id: string }) => o.id)).toContain(yinlunOfferId);
  },
  'GET /api/assets/{id}/label': async ({ shanhe, zhujian, yinlunMoldId }) => {
    expect((await shanhe.get(`/api/assets/${yinlunMoldId}/label`)).statusCode).toBe(404);
    expect((await zhujian.get(`/api/assets/${yinlunMoldId}/label`)).statusCode).toBe(403);
  },
  // maintenance: the enterprise keeping the asset; other enterprises 404, county staff and departments 403.
  'GET /api/maintenance/plans': async ({ shanhe, admin, zhujian, yinlunPlanId }) => {
    expect((await shanhe.get('/api/maintenance/plans')).json().map((p: { id: string }) => p.id)).not.toContain(yinlunPlanId);
    expect((await admin.get('/api/maintenance/plans')).statusCode).toBe(403);
    expect((await zhujian.get('/api/maintenance/plans')).statusCode).toBe(403);
  },
  'POST /api/maintenance/plans': async ({ t, shanhe, admin, yinlunPressId }) => {
    const body = { assetId: yinlunPressId, name: '冒名计划', trigger: 'time', intervalValue: 1, intervalUnit: 'days' };
    expect((await shanhe.post('/api/maintenance/plans', body)).statusCode).toBe(404);
    expect((await admin.post('/api/maintenance/plans', body)).statusCode).toBe(403);
    expect((await (await login(t.app, 'yinlun.tech')).post('/api/maintenance/plans', body)).statusCode).toBe(403);
  },
  'GET /api/maintenance/plans/{id}': async ({ yinlun, shanhe, zhujian, yinlunPlanId }) => {
    expect((await shanhe.get(`/api/maintenance/plans/${yinlunPlanId}`)).statusCode).toBe(404);
    expect((await zhujian.get(`/api/maintenance/plans/${yinlunPlanId}`)).statusCode).toBe(403);
    expect((await yinlun.get(`/api/maintenance/plans/${yinlunPlanId}`)).statusCode).toBe(200);
  },
  'PATCH /api/maintenance/plans/{id}': async ({ yinlun, shanhe, admin, yinlunPlanId }) => {
    expect((await shanhe.patch(`/api/maintenance/plans/${yinlunPlanId}`, { name: 'pwned' })).statusCode).toBe(404);
    expect((await admin.patch(`/api/maintenance/plans/${yinlunPlanId}`, { name: 'pwned' })).statusCode).toBe(403);
    expect((await yinlun.get(`/api/maintenance/plans/${yinlunPlanId}`)).json().name).not.toBe('pwned');
  },
  'DELETE /api/maintenance/plans/{id}': async ({ yinlun, shanhe, zhujian, yinlunPlanId }) => {
    expect((await shanhe.delete(`/api/maintenance/plans/${yinlunPlanId}`)).statusCode).toBe(404);
    expect((await zhujian.delete(`/api/maintenance/plans/${yinlunPlanId}`)).statusCode).toBe(403);
    expect((await yinlun.get(`/api/maintenance/plans/${yinlunPlanId}`)).statusCode).toBe(200);
  },
  'GET /api/maintenance/plans/{id}/status': async ({ shanhe, admin, yinlunPlanId }) => {
    expect((await shanhe.get(`/api/maintenance/plans/${yinlunPlanId}/status`)).statusCode).toBe(404);
    expect((await admin.get(`/api/maintenance/plans/${yinlunPlanId}/status`)).statusCode).toBe(403);
  },
  'GET /api/work-orders': async ({ shanhe, admin, zhujian, yinlunWorkOrderId }) => {
    const items = (await shanhe.get('/api/work-orders?pageSize=200')).json().items as Array<{ id: string }>;
    expect(items.map((o) => o.id)).not.toContain(yinlunWorkOrderId);
    expect((await admin.get('/api/work-orders')).statusCode).toBe(403);
    expect((await zhujian.get('/api/work-orders')).statusCode).toBe(403);
  },
  'POST /api/work-orders': async ({ shanhe, zhujian, yinlunPressId }) => {
    const body = { assetId: yinlunPressId, title: '冒名报修' };
    expect((await shanhe.post('/api/work-orders', body)).statusCode).toBe(404);
    expect((await zhujian.post('/api/work-orders', body)).statusCode).toBe(403);
  },
  'GET /api/work-orders/{id}': async ({ yinlun, shanhe, admin, yinlunWorkOrderId }) => {
    expect((await shanhe.get(`/api/work-orders/${yinlunWorkOrderId}`)).statusCode).toBe(404);
    expect((await admin.get(`/api/work-orders/${yinlunWorkOrderId}`)).statusCode).toBe(403);
    expect((await yinlun.get(`/api/work-orders/${yinlunWorkOrderId}`)).statusCode).toBe(200);
  },
  'POST /api/work-orders/{id}/actions': async ({ yinlun, shanhe, zhujian, yinlunWorkOrderId }) => {
    const body = { action: 'assign', assigneeUserId: shanhe.userId };
    expect((await shanhe.post(`/api/work-orders/${yinlunWorkOrderId}/actions`, body)).statusCode).toBe(404);
    expect((await zhujian.post(`/api/work-orders/${yinlunWorkOrderId}/actions`, body)).statusCode).toBe(403);
    expect((await yinlun.get(`/api/work-orders/${yinlunWorkOrderId}`)).json().status).toBe('reported');
  },
  'PUT /api/work-orders/{id}/checklist/{itemId}': async ({ t, yinlun, shanhe, zhujian }) => {
    // an open demo 保养 order of 银轮 with its plan's checklist
    const item = await t.db
      .selectFrom('work_order_checklist')
      .innerJoin('work_orders', 'work_orders.id', 'work_order_checklist.work_order_id')
      .select(['work_order_checklist.id', 'work_order_checklist.work_order_id'])
      .where('work_orders.enterprise_id', '=', yinlun.organisationId)
      .executeTakeFirstOrThrow();
    const url = `/api/work-orders/${item.work_order_id}/checklist/${item.id}`;
    expect((await shanhe.request('PUT', url, { result: 'pass' })).statusCode).toBe(404);
    expect((await zhujian.request('PUT', url, { result: 'pass' })).statusCode).toBe(403);
    const order = (await yinlun.get(`/api/work-orders/${item.work_order_id}`)).json();
    expect(order.checklist.find((c: { id: string }) => c.id === item.id).result).toBeNull();
  },
  'GET /api/spare-parts': async ({ shanhe, admin, yinlunPartId }) => {
    expect((await shanhe.get('/api/spare-parts')).json().map((p: { id: string }) => p.id)).not.toContain(yinlunPartId);
    expect((await admin.get('/api/spare-parts')).statusCode).toBe(403);
  },
  'POST /api/spare-parts': async ({ admin, zhujian }) => {
    expect((await admin.post('/api/spare-parts', { code: 'X', name: '冒名备件' })).statusCode).toBe(403);
    expect((await zhujian.post('/api/spare-parts', { code: 'X', name: '冒名备件' })).statusCode).toBe(403);
  },
  'POST /api/spare-parts/{id}/adjust': async ({ yinlun, shanhe, zhujian, yinlunPartId }) => {
    expect((await shanhe.post(`/api/spare-parts/${yinlunPartId}/adjust`, { delta: -1, reason: 'x' })).statusCode).toBe(404);
    expect((await zhujian.post(`/api/spare-parts/${yinlunPartId}/adjust`, { delta: -1, reason: 'x' })).statusCode).toBe(403);
    const part = (await yinlun.get('/api/spare-parts')).json().find((p: { id: string }) => p.id === yinlunPartId);
    expect(part.quantity).toBe(4);
  },
  'POST /api/work-orders/{id}/attachments': async ({ yinlun, shanhe, zhujian, yinlunWorkOrderId }) => {
    const headers = { 'content-type': 'application/pdf', 'x-filename': 'x.pdf' };
    const count = async () => ((await yinlun.get(`/api/work-orders/${yinlunWorkOrderId}`)).json().attachments as unknown[]).length;
    const before = await count();
    expect(
      (await shanhe.request('POST', `/api/work-orders/${yinlunWorkOrderId}/attachments`, Buffer.from('%PDF-1.4'), headers)).statusCode,
    ).toBe(404);
    expect(
      (await zhujian.request('POST', `/api/work-orders/${yinlunWorkOrderId}/attachments`, Buffer.from('%PDF-1.4'), headers)).statusCode,
    ).toBe(403);
    expect(await count()).toBe(before); // nothing written by either
  },
  'GET /api/work-orders/{id}/attachments/{attachmentId}': async ({ yinlun, shanhe, admin, yinlunWorkOrderId }) => {
    const uploaded = await yinlun.request('POST', `/api/work-orders/${yinlunWorkOrderId}/attachments`, Buffer.from('%PDF-1.4 test'), {
      'content-type': 'application/pdf',
    });
    expect(uploaded.statusCode).toBe(201);
    const attachmentId = uploaded.json().attachments[0].id as string;
    expect((await shanhe.get(`/api/work-orders/${yinlunWorkOrderId}/attachments/${attachmentId}`)).statusCode).toBe(404);
    expect((await admin.get(`/api/work-orders/${yinlunWorkOrderId}/attachments/${attachmentId}`)).statusCode).toBe(403);
    expect((await yinlun.get(`/api/work-orders/${yinlunWorkOrderId}/attachments/${attachmentId}`)).statusCode).toBe(200);
  },
  'GET /api/maintenance/kpis': async ({ shanhe, zhujian }) => {
    // 山河 keeps no assets: none of 银轮's machines or repairs may show up in its figures.
    expect((await shanhe.get('/api/maintenance/kpis')).json().total).toMatchObject({ assets: 0, failures: 0, pmDue: 0 });
    expect((await zhujian.get('/api/maintenance/kpis')).statusCode).toBe(403);
  },
  'GET /api/maintenance/kpis/county': async ({ yinlun, zhujian, admin }) => {
    expect((await yinlun.get('/api/maintenance/kpis/county')).statusCode).toBe(403);
    expect((await zhujian.get('/api/maintenance/kpis/county')).statusCode).toBe(403);
    const county = (await admin.get('/api/maintenance/kpis/county')).json();
    expect(county.enterprises).toBeGreaterThan(0);
    expect(county).not.toHaveProperty('rows'); // aggregates only
    expect(county.sharedEnterprises).toEqual([]); // nobody has opted in to sharing
  },
  'GET /api/maintenance/sharing': async ({ shanhe, admin, zhujian }) => {
    expect((await shanhe.get('/api/maintenance/sharing')).json()).toEqual({ shared: false, updatedAt: null, updatedBy: null });
    expect((await admin.get('/api/maintenance/sharing')).statusCode).toBe(403);
    expect((await zhujian.get('/api/maintenance/sharing')).statusCode).toBe(403);
  },
  'PUT /api/maintenance/sharing': async ({ admin, zhujian }) => {
    // Only an enterprise admin sets its own enterprise's choice; the county cannot opt anybody in.
    expect((await admin.request('PUT', '/api/maintenance/sharing', { shared: true })).statusCode).toBe(403);
    expect((await zhujian.request('PUT', '/api/maintenance/sharing', { shared: true })).statusCode).toBe(403);
  },
  // inspection: the enterprise walking its plant; other enterprises 404, county staff and departments 403.
  'GET /api/inspection/routes': async ({ shanhe, admin, zhujian, yinlunInspectionRouteId }) => {
    expect((await shanhe.get('/api/inspection/routes')).json().map((r: { id: string }) => r.id)).not.toContain(yinlunInspectionRouteId);
    expect((await admin.get('/api/inspection/routes')).statusCode).toBe(403);
    expect((await zhujian.get('/api/inspection/routes')).statusCode).toBe(403);
  },
  'POST /api/inspection/routes': async ({ t, shanhe, admin, zhujian, yinlunPlantId }) => {
    expect((await shanhe.post('/api/inspection/routes', { name: '冒名路线', plantId: yinlunPlantId })).statusCode).toBe(404);
    expect((await admin.post('/api/inspection/routes', { name: '冒名路线' })).statusCode).toBe(403);
    expect((await zhujian.post('/api/inspection/routes', { name: '冒名路线' })).statusCode).toBe(403);
    expect((await (await login(t.app, 'yinlun.tech')).post('/api/inspection/routes', { name: '冒名路线' })).statusCode).toBe(403);
  },
  'GET /api/inspection/routes/{id}': async ({ yinlun, shanhe, zhujian, yinlunInspectionRouteId }) => {
    expect((await shanhe.get(`/api/inspection/routes/${yinlunInspectionRouteId}`)).statusCode).toBe(404);
    expect((await zhujian.get(`/api/inspection/routes/${yinlunInspectionRouteId}`)).statusCode).toBe(403);
    expect((await yinlun.get(`/api/inspection/routes/${yinlunInspectionRouteId}`)).statusCode).toBe(200);
  },
  'PATCH /api/inspection/routes/{id}': async ({ yinlun, shanhe, zhujian, yinlunInspectionRouteId }) => {
    expect((await shanhe.patch(`/api/inspection/routes/${yinlunInspectionRouteId}`, { name: 'pwned' })).statusCode).toBe(404);
    expect((await zhujian.patch(`/api/inspection/routes/${yinlunInspectionRouteId}`, { name: 'pwned' })).statusCode).toBe(403);
    expect((await yinlun.get(`/api/inspection/routes/${yinlunInspectionRouteId}`)).json().name).not.toBe('pwned');
  },
  'POST /api/inspection/routes/{id}/points': async ({ yinlun, shanhe, zhujian, yinlunInspectionRouteId }) => {
    const body = { name: '冒名点', items: [{ label: 'x', kind: 'text' }] };
    expect((await shanhe.post(`/api/inspection/routes/${yinlunInspectionRouteId}/points`, body)).statusCode).toBe(404);
    expect((await zhujian.post(`/api/inspection/routes/${yinlunInspectionRouteId}/points`, body)).statusCode).toBe(403);
    expect((await yinlun.get(`/api/inspection/routes/${yinlunInspectionRouteId}`)).json().points).toHaveLength(1);
  },
  'GET /api/inspection/points/{id}/label': async ({ shanhe, zhujian, yinlunInspectionPointId, yinlunInspectionToken }) => {
    const res = await shanhe.get(`/api/inspection/points/${yinlunInspectionPointId}/label`);
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain(yinlunInspectionToken);
    expect((await zhujian.get(`/api/inspection/points/${yinlunInspectionPointId}/label`)).statusCode).toBe(403);
  },
  'GET /api/inspection/rounds': async ({ shanhe, admin, zhujian, yinlunInspectionRoundId }) => {
    const items = (await shanhe.get('/api/inspection/rounds?pageSize=200')).json().items as Array<{ id: string }>;
    expect(items.map((r) => r.id)).not.toContain(yinlunInspectionRoundId);
    expect((await admin.get('/api/inspection/rounds')).statusCode).toBe(403);
    expect((await zhujian.get('/api/inspection/rounds')).statusCode).toBe(403);
  },
  'PUT /api/inspection/routes/{id}/point-order': async ({ yinlun, shanhe, zhujian, ...c }) => {
    const url = `/api/inspection/routes/${c.yinlunInspectionRouteId}/point-order`;
    expect((await shanhe.request('PUT', url, { pointIds: [c.yinlunInspectionPointId] })).statusCode).toBe(404);
    expect((await zhujian.request('PUT', url, { pointIds: [c.yinlunInspectionPointId] })).statusCode).toBe(403);
    expect((await yinlun.get(`/api/inspection/routes/${c.yinlunInspectionRouteId}`)).json().points).toHaveLength(1);
  },
  'PATCH /api/inspection/points/{id}': async ({ yinlun, shanhe, zhujian, ...c }) => {
    expect((await shanhe.patch(`/api/inspection/points/${c.yinlunInspectionPointId}`, { name: 'pwned' })).statusCode).toBe(404);
    expect((await zhujian.patch(`/api/inspection/points/${c.yinlunInspectionPointId}`, { name: 'pwned' })).statusCode).toBe(403);
    expect((await yinlun.get(`/api/inspection/routes/${c.yinlunInspectionRouteId}`)).json().points[0].name).toBe('液压站');
  },
  'DELETE /api/inspection/points/{id}': async ({ yinlun, shanhe, zhujian, ...c }) => {
    expect((await shanhe.delete(`/api/inspection/points/${c.yinlunInspectionPointId}`)).statusCode).toBe(404);
    expect((await zhujian.delete(`/api/inspection/points/${c.yinlunInspectionPointId}`)).statusCode).toBe(403);
    expect((await yinlun.get(`/api/inspection/routes/${c.yinlunInspectionRouteId}`)).json().points).toHaveLength(1);
  },
  'POST /api/inspection/rounds': async ({ shanhe, zhujian, yinlunInspectionRouteId }) => {
    expect((await shanhe.post('/api/inspection/rounds', { routeId: yinlunInspectionRouteId })).statusCode).toBe(404);
    expect((await zhujian.post('/api/inspection/rounds', { routeId: yinlunInspectionRouteId })).statusCode).toBe(403);
  },
  'GET /api/inspection/rounds/{id}': async ({ yinlun, shanhe, admin, yinlunInspectionRoundId }) => {
    expect((await shanhe.get(`/api/inspection/rounds/${yinlunInspectionRoundId}`)).statusCode).toBe(404);
    expect((await admin.get(`/api/inspection/rounds/${yinlunInspectionRoundId}`)).statusCode).toBe(403);
    expect((await yinlun.get(`/api/inspection/rounds/${yinlunInspectionRoundId}`)).statusCode).toBe(200);
  },
  'POST /api/inspection/rounds/{id}/check-in': async ({ yinlun, shanhe, zhujian, yinlunInspectionRoundId, yinlunInspectionToken }) => {
    const url = `/api/inspection/rounds/${yinlunInspectionRoundId}/check-in`;
    expect((await shanhe.post(url, { qrToken: yinlunInspectionToken })).statusCode).toBe(404);
    expect((await zhujian.post(url, { qrToken: yinlunInspectionToken })).statusCode).toBe(403);
    expect((await yinlun.get(`/api/inspection/rounds/${yinlunInspectionRoundId}`)).json().pointsChecked).toBe(0);
  },
  'POST /api/inspection/rounds/{id}/results': async ({ yinlun, shanhe, zhujian, ...c }) => {
    const url = `/api/inspection/rounds/${c.yinlunInspectionRoundId}/results`;
    const body = { pointId: c.yinlunInspectionPointId, itemId: c.yinlunInspectionItemId, value: 'fail' };
    expect((await shanhe.post(url, body)).statusCode).toBe(404);
    expect((await zhujian.post(url, body)).statusCode).toBe(403);
    expect((await yinlun.get(`/api/inspection/rounds/${c.yinlunInspectionRoundId}`)).json().itemsDone).toBe(0);
  },
  'POST /api/inspection/rounds/{id}/items/{itemId}/photo': async ({ yinlun, shanhe, zhujian, ...c }) => {
    const url = `/api/inspection/rounds/${c.yinlunInspectionRoundId}/items/${c.yinlunInspectionItemId}/photo`;
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    expect((await shanhe.request('POST', url, png, { 'content-type': 'image/png' })).statusCode).toBe(404);
    expect((await zhujian.request('POST', url, png, { 'content-type': 'image/png' })).statusCode).toBe(403);
    expect((await yinlun.get(`/api/inspection/rounds/${c.yinlunInspectionRoundId}`)).json().itemsDone).toBe(0);
  },
  'GET /api/inspection/rounds/{id}/photos/{photoId}': async ({ yinlun, shanhe, admin }) => {
    const route = (await yinlun.post('/api/inspection/routes', { name: '拍照点检' })).json();
    const point = { name: '模具架', assetId: null, items: [{ label: '现场照片', kind: 'photo' }] };
    const withPoint = (await yinlun.post(`/api/inspection/routes/${route.id}/points`, point)).json();
    const label = (await yinlun.get(`/api/inspection/points/${withPoint.points[0].id}/label`)).body;
    const round = (await yinlun.post('/api/inspection/rounds', { routeId: route.id })).json();
    await yinlun.post(`/api/inspection/rounds/${round.id}/check-in`, { qrToken: /\/inspect\/([\w-]+)</.exec(label)![1] });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const uploaded = await yinlun.request(
      'POST',
      `/api/inspection/rounds/${round.id}/items/${withPoint.points[0].items[0].id}/photo`,
      png,
      {
        'content-type': 'image/png',
      },
    );
    expect(uploaded.statusCode).toBe(201);
    const url = `/api/inspection/rounds/${round.id}/photos/${uploaded.json().results[0].photoId}`;
    expect((await shanhe.get(url)).statusCode).toBe(404);
    expect((await admin.get(url)).statusCode).toBe(403);
    expect((await yinlun.get(url)).statusCode).toBe(200);
  },
  'POST /api/inspection/rounds/{id}/finish': async ({ yinlun, shanhe, zhujian, yinlunInspectionRoundId }) => {
    expect((await shanhe.post(`/api/inspection/rounds/${yinlunInspectionRoundId}/finish`)).statusCode).toBe(404);
    expect((await zhujian.post(`/api/inspection/rounds/${yinlunInspectionRoundId}/finish`)).statusCode).toBe(403);
    expect((await yinlun.get(`/api/inspection/rounds/${yinlunInspectionRoundId}`)).json().finishedAt).toBeNull();
  },
  'GET /api/calendar': async ({ yinlun }) => {
    expect((await yinlun.get('/api/calendar')).statusCode).toBe(200);
  },
  'PUT /api/calendar/{date}': async ({ yinlun, zhujian }) => {
    const body = { kind: 'holiday', name: '假' };
    expect((await yinlun.request('PUT', '/api/calendar/2026-12-01', body)).statusCode).toBe(403);
    expect((await zhujian.request('PUT', '/api/calendar/2026-12-01', body)).statusCode).toBe(403);
  },
  'DELETE /api/calendar/{date}': async ({ yinlun, zhujian }) => {
    expect((await yinlun.delete('/api/calendar/2026-12-01')).statusCode).toBe(403);
    expect((await zhujian.delete('/api/calendar/2026-12-01')).statusCode).toBe(403);
  },
  'GET /api/notifications': async ({ yinlun, shanhe }) => {
    const items = (await yinlun.get('/api/notifications')).json().items as Array<{ requestId: string | null; kind: string }>;
    expect(items.filter((n) => n.requestId !== null)).toEqual([]); // shanhe's request concerns the office and shanhe, never 银轮
    // 银轮's alarms ring only 银轮's bell.
    expect(items.some((n) => n.kind.startsWith('alarm_'))).toBe(true);
    const theirs = (await shanhe.get('/api/notifications')).json().items as Array<{ kind: string }>;
    expect(theirs.filter((n) => n.kind.startsWith('alarm_'))).toEqual([]);
  },
  'POST /api/notifications/read': async ({ t, yinlun, shanheRequestId }) => {
    // Marking another user's notification ids read changes nothing for that user.
    const officer = await login(t.app, 'officer');
    const theirs = (await officer.get('/api/notifications')).json() as { unread: number; items: Array<{ id: string; requestId: string }> };
    expect(theirs.items.some((n) => n.requestId === shanheRequestId)).toBe(true);
    expect((await yinlun.post('/api/notifications/read', { ids: theirs.items.map((n) => n.id) })).statusCode).toBe(204);
    expect((await officer.get('/api/notifications')).json().unread).toBe(theirs.unread);
  },
  'GET /api/notifications/stream': async ({ t }) => {
    expect((await t.app.inject({ method: 'GET', url: '/api/notifications/stream' })).statusCode).toBe(401);
  },
  // Open311 GeoReport v2: reading is public without a key, but the public never gets an enterprise's words.
  'GET /open311/v2/discovery.{format}': async ({ t }) => {
    expect((await t.app.inject({ method: 'GET', url: '/open311/v2/discovery.json' })).statusCode).toBe(200);
  },
  'GET /open311/v2/services.{format}': async ({ t }) => {
    expect((await t.app.inject({ method: 'GET', url: '/open311/v2/services.json' })).statusCode).toBe(200);
  },
  'GET /open311/v2/services/{code}.{format}': async ({ t }) => {
    expect((await t.app.inject({ method: 'GET', url: '/open311/v2/services/tax.json' })).statusCode).toBe(200);
  },
  'POST /open311/v2/requests.{format}': async ({ t, zhujian }) => {
    // Only an enterprise's API key files a request: a department's key, or none, is a 403.
    const key = (await zhujian.post('/api/api-tokens', { name: 'Open311' })).json().token as string;
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    for (const apiKey of [key, '']) {
      const payload = new URLSearchParams({ api_key: apiKey, service_code: 'tax', description: '冒名诉求' }).toString();
      expect((await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', headers, payload })).statusCode).toBe(403);
    }
  },
  'GET /open311/v2/requests.{format}': async ({ t, yinlun, shanheRequestId }) => {
    const key = (await yinlun.post('/api/api-tokens', { name: 'Open311' })).json().token as string;
    const url = `/open311/v2/requests.json?service_request_id=${shanheRequestId}`;
    expect((await t.app.inject({ method: 'GET', url: `${url}&api_key=${key}` })).json()).toEqual([]);
    const anonymous = await t.app.inject({ method: 'GET', url });
    expect(anonymous.json()).toMatchObject([{ description: null }]);
    expect(anonymous.body).not.toContain('白蚁');
  },
  'GET /open311/v2/requests/{id}.{format}': async ({ t, yinlun, shanheRequestId }) => {
    const key = (await yinlun.post('/api/api-tokens', { name: 'Open311' })).json().token as string;
    const url = `/open311/v2/requests/${shanheRequestId}.json`;
    expect((await t.app.inject({ method: 'GET', url: `${url}?api_key=${key}` })).statusCode).toBe(404);
    const anonymous = await t.app.inject({ method: 'GET', url });
    expect(anonymous.json()).toMatchObject([{ description: null }]);
    expect(anonymous.body).not.toContain('白蚁');
  },
  'GET /open311/v2/tokens/{token}.{format}': async ({ t, yinlun, shanheRequestId }) => {
    const key = (await yinlun.post('/api/api-tokens', { name: 'Open311' })).json().token as string;
    expect((await t.app.inject({ method: 'GET', url: `/open311/v2/tokens/${shanheRequestId}.json?api_key=${key}` })).statusCode).toBe(404);
  },

  // telemetry: another enterprise sees none of 银轮's devices, data, alarms or rules; county staff and
  // departments get nothing here (the county sees machine aggregates on its screen).
  'GET /api/telemetry/devices': async ({ shanhe, zhujian, yinlun, yinlunDeviceId }) => {
    expect((await yinlun.get('/api/telemetry/devices')).json().map((d: { id: string }) => d.id)).toContain(yinlunDeviceId);
    expect((await shanhe.get('/api/telemetry/devices')).json().map((d: { id: string }) => d.id)).not.toContain(yinlunDeviceId);
    expect((await zhujian.get('/api/telemetry/devices')).statusCode).toBe(403);
  },
  'POST /api/telemetry/devices': async ({ shanhe, admin, yinlunPressId }) => {
    // Binding to another enterprise's machine is a 404, as if it did not exist.
    expect((await shanhe.post('/api/telemetry/devices', { name: 'x', assetId: yinlunPressId })).statusCode).toBe(404);
    expect((await admin.post('/api/telemetry/devices', { name: 'x' })).statusCode).toBe(403);
  },
  'GET /api/telemetry/devices/{id}': async ({ shanhe, yinlunDeviceId }) => {
    expect((await shanhe.get(`/api/telemetry/devices/${yinlunDeviceId}`)).statusCode).toBe(404);
  },
  'PATCH /api/telemetry/devices/{id}': async ({ shanhe, yinlun, yinlunDeviceId }) => {
    expect((await shanhe.patch(`/api/telemetry/devices/${yinlunDeviceId}`, { name: 'stolen' })).statusCode).toBe(404);
    expect((await yinlun.get(`/api/telemetry/devices/${yinlunDeviceId}`)).json().name).not.toBe('stolen');
  },
  'DELETE /api/telemetry/devices/{id}': async ({ shanhe, yinlun, yinlunDeviceId }) => {
    expect((await shanhe.delete(`/api/telemetry/devices/${yinlunDeviceId}`)).statusCode).toBe(404);
    expect((await yinlun.get(`/api/telemetry/devices/${yinlunDeviceId}`)).statusCode).toBe(200);
  },
  'GET /api/telemetry/devices/{id}/credentials': async ({ t, shanhe, yinlunDeviceId }) => {
    expect((await shanhe.get(`/api/telemetry/devices/${yinlunDeviceId}/credentials`)).statusCode).toBe(404);
    const tech = await login(t.app, 'yinlun.tech');
    expect((await tech.get(`/api/telemetry/devices/${yinlunDeviceId}/credentials`)).statusCode).toBe(403);
  },
  'POST /api/telemetry/devices/{id}/rotate-token': async ({ yinlun, shanhe, yinlunDeviceId, yinlunDeviceToken }) => {
    expect((await shanhe.post(`/api/telemetry/devices/${yinlunDeviceId}/rotate-token`)).statusCode).toBe(404);
    expect((await yinlun.get(`/api/telemetry/devices/${yinlunDeviceId}/credentials`)).json().accessToken).toBe(yinlunDeviceToken);
  },
  'GET /api/telemetry/devices/{id}/series': async ({ shanhe, yinlunDeviceId }) => {
    const now = Date.now();
    const url = `/api/telemetry/devices/${yinlunDeviceId}/series?key=oil_temp&from=${now - 3_600_000}&to=${now}`;
    expect((await shanhe.get(url)).statusCode).toBe(404);
  },
  'GET /api/telemetry/devices/{id}/utilisation': async ({ shanhe, yinlunDeviceId }) => {
    const now = Date.now();
    expect((await shanhe.get(`/api/telemetry/devices/${yinlunDeviceId}/utilisation?from=${now - 3_600_000}&to=${now}`)).statusCode).toBe(
      404,
    );
  },
  'GET /api/telemetry/alarms': async ({ shanhe, yinlun, yinlunAlarmId }) => {
    expect((await yinlun.get('/api/telemetry/alarms')).json().items.map((a: { id: string }) => a.id)).toContain(yinlunAlarmId);
    expect((await shanhe.get('/api/telemetry/alarms')).json().items.map((a: { id: string }) => a.id)).not.toContain(yinlunAlarmId);
  },
  'POST /api/telemetry/alarms/{id}/acknowledge': async ({ shanhe, yinlun, yinlunAlarmId }) => {
    expect((await shanhe.post(`/api/telemetry/alarms/${yinlunAlarmId}/acknowledge`)).statusCode).toBe(404);
    const alarms = (await yinlun.get('/api/telemetry/alarms')).json().items as Array<{ id: string; acknowledgedAt: string | null }>;
    expect(alarms.find((a) => a.id === yinlunAlarmId)?.acknowledgedAt).toBeNull();
  },
  'GET /api/telemetry/alarm-rules': async ({ shanhe, yinlunRuleId }) => {
    expect((await shanhe.get('/api/telemetry/alarm-rules')).json().map((r: { id: string }) => r.id)).not.toContain(yinlunRuleId);
  },
  'POST /api/telemetry/alarm-rules': async ({ t, zhujian }) => {
    const rule = { name: '油温', metric: 'oil_temp', condition: 'above', threshold: 60 };
    expect((await zhujian.post('/api/telemetry/alarm-rules', rule)).statusCode).toBe(403);
    const tech = await login(t.app, 'yinlun.tech');
    expect((await tech.post('/api/telemetry/alarm-rules', rule)).statusCode).toBe(403);
  },
  'PATCH /api/telemetry/alarm-rules/{id}': async ({ shanhe, yinlunRuleId }) => {
    const rule = { name: '改掉', metric: 'oil_temp', condition: 'above', threshold: 999 };
    expect((await shanhe.patch(`/api/telemetry/alarm-rules/${yinlunRuleId}`, rule)).statusCode).toBe(404);
  },
  'DELETE /api/telemetry/alarm-rules/{id}': async ({ shanhe, yinlun, yinlunRuleId }) => {
    expect((await shanhe.delete(`/api/telemetry/alarm-rules/${yinlunRuleId}`)).statusCode).toBe(404);
    expect((await yinlun.get('/api/telemetry/alarm-rules')).json().map((r: { id: string }) => r.id)).toContain(yinlunRuleId);
  },
  'GET /api/telemetry/ingest-stats': async ({ admin, yinlun }) => {
    expect((await admin.get('/api/telemetry/ingest-stats')).statusCode).toBe(200);
    expect((await yinlun.get('/api/telemetry/ingest-stats')).statusCode).toBe(403);
  },
  'POST /api/v1/{token}/telemetry': async ({ t, yinlun, yinlunDeviceId }) => {
    // The token is the credential: a session of another enterprise does not make a wrong token work.
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/not-a-token/telemetry', payload: { oil_temp: 1 } });
    expect(res.statusCode).toBe(401);
    await t.app.telemetry.ingest.flushCounts();
    const latest = (await yinlun.get(`/api/telemetry/devices/${yinlunDeviceId}`)).json().latest as Array<{ value: number }>;
    expect(latest.map((l) => l.value)).toEqual([70]);
  },
  'GET /api/realtime/stream': async ({ t, shanhe, zhujian, yinlunPlantId }) => {
    // Another enterprise's plant is unknown; departments have no screens; a stranger signs in first.
    expect((await shanhe.get(`/api/realtime/stream?plantId=${yinlunPlantId}`)).statusCode).toBe(404);
    expect((await zhujian.get('/api/realtime/stream')).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/realtime/stream' })).statusCode).toBe(401);
  },
  'GET /api/screens/plant/{plantId}': async ({ shanhe, admin, yinlunPlantId }) => {
    expect((await shanhe.get(`/api/screens/plant/${yinlunPlantId}`)).statusCode).toBe(404);
    expect((await admin.get(`/api/screens/plant/${yinlunPlantId}`)).statusCode).toBe(403);
  },
  'GET /api/screens/enterprise': async ({ shanhe, zhujian }) => {
    expect((await shanhe.get('/api/screens/enterprise')).json().enterpriseId).toBe(shanhe.organisationId);
    expect((await zhujian.get('/api/screens/enterprise')).statusCode).toBe(403);
  },
  'GET /api/screens/county': async ({ yinlun, zhujian }) => {
    expect((await yinlun.get('/api/screens/county')).statusCode).toBe(403);
    expect((await zhujian.get('/api/screens/county')).statusCode).toBe(403);
  },
  'GET /api/screen-tokens': async ({ shanhe, zhujian }) => {
    expect((await shanhe.get('/api/screen-tokens')).json()).toEqual([]);
    expect((await zhujian.get('/api/screen-tokens')).statusCode).toBe(403);
  },
  'POST /api/screen-tokens': async ({ shanhe, zhujian, yinlunPlantId }) => {
    expect((await shanhe.post('/api/screen-tokens', { name: '偷看', screen: 'plant', plantId: yinlunPlantId })).statusCode).toBe(404);
    expect((await zhujian.post('/api/screen-tokens', { name: '县屏', screen: 'county' })).statusCode).toBe(403);
  },
  'DELETE /api/screen-tokens/{id}': async ({ yinlun, shanhe, admin, yinlunScreenTokenId }) => {
    expect((await shanhe.delete(`/api/screen-tokens/${yinlunScreenTokenId}`)).statusCode).toBe(404);
    expect((await admin.delete(`/api/screen-tokens/${yinlunScreenTokenId}`)).statusCode).toBe(404);
    expect((await yinlun.get('/api/screen-tokens')).json()[0].revokedAt).toBeNull();
  },
  // ---- projects: another enterprise gets 404, a department sees only the projects it is responsible for ----
  'GET /api/projects': async ({ yinlun, zhujian }) => {
    const items = (await yinlun.get('/api/projects?pageSize=500')).json().items as Array<{ enterpriseId: string }>;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((p) => p.enterpriseId === yinlun.organisationId)).toBe(true);
    const dept = (await zhujian.get('/api/projects?pageSize=500')).json().items as Array<{ responsibleDepartmentId: string }>;
    expect(dept.every((p) => p.responsibleDepartmentId === zhujian.organisationId)).toBe(true);
  },
  'POST /api/projects': async ({ yinlun, zhujian }) => {
    const body = { name: '越权项目', investorName: 'x', industry: 'other', totalInvestmentWan: 1000 };
    expect((await yinlun.post('/api/projects', body)).statusCode).toBe(403);
    expect((await zhujian.post('/api/projects', body)).statusCode).toBe(403);
  },
  'GET /api/projects/statistics': async ({ yinlun }) => {
    expect((await yinlun.get('/api/projects/statistics')).statusCode).toBe(403);
  },
  'GET /api/projects/watchlists': async ({ yinlun, shanheProjectId }) => {
    const lists = (await yinlun.get('/api/projects/watchlists')).json() as Record<string, Array<{ id: string }>>;
    expect(
      Object.values(lists)
        .flat()
        .some((p) => p.id === shanheProjectId),
    ).toBe(false);
  },
  'GET /api/projects/export.xlsx': async ({ yinlun }) => {
    expect((await yinlun.get('/api/projects/export.xlsx')).statusCode).toBe(403);
  },
  'POST /api/projects/import': async ({ yinlun, zhujian }) => {
    const headers = { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
    expect((await yinlun.request('POST', '/api/projects/import', Buffer.from('x'), headers)).statusCode).toBe(403);
    expect((await zhujian.request('POST', '/api/projects/import', Buffer.from('x'), headers)).statusCode).toBe(403);
  },
  'GET /api/projects/{id}': async ({ yinlun, shanheProjectId }) => {
    expect((await yinlun.get(`/api/projects/${shanheProjectId}`)).statusCode).toBe(404);
  },
  'PATCH /api/projects/{id}': async ({ yinlun, shanheProjectId }) => {
    expect((await yinlun.patch(`/api/projects/${shanheProjectId}`, { actualOutputWan: 1 })).statusCode).toBe(404);
  },
  'POST /api/projects/{id}/transitions': async ({ yinlun, shanhe, shanheProjectId }) => {
    expect((await yinlun.post(`/api/projects/${shanheProjectId}/transitions`, { to: 'producing' })).statusCode).toBe(404);
    expect((await shanhe.post(`/api/projects/${shanheProjectId}/transitions`, { to: 'producing' })).statusCode).toBe(403);
  },
  'PUT /api/projects/{id}/investments/{month}': async ({ yinlun, shanheProjectId }) => {
    const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    expect((await yinlun.request('PUT', `/api/projects/${shanheProjectId}/investments/${month}`, { amountWan: 1 })).statusCode).toBe(404);
  },
  'POST /api/projects/{id}/milestones': async ({ yinlun, shanhe, shanheProjectId }) => {
    const body = { name: '验收', plannedDate: '2030-01-01' };
    expect((await yinlun.post(`/api/projects/${shanheProjectId}/milestones`, body)).statusCode).toBe(404);
    expect((await shanhe.post(`/api/projects/${shanheProjectId}/milestones`, body)).statusCode).toBe(403);
  },
  'PATCH /api/projects/{id}/milestones/{milestoneId}': async ({ yinlun, shanheProjectId, shanheMilestoneId }) => {
    const url = `/api/projects/${shanheProjectId}/milestones/${shanheMilestoneId}`;
    expect((await yinlun.patch(url, { actualDate: '2020-01-01' })).statusCode).toBe(404);
  },
  'POST /api/projects/{id}/service-requests': async ({ yinlun, shanheProjectId }) => {
    const body = { categoryCode: 'construction', title: 'x', description: 'x', contactName: 'x', contactPhone: '1' };
    expect((await yinlun.post(`/api/projects/${shanheProjectId}/service-requests`, body)).statusCode).toBe(404);
  },
  // ---- targets: the county's and its departments'; enterprises get 403, departments report only on their own tasks ----
  'GET /api/targets': async ({ yinlun, zhujian }) => {
    expect((await yinlun.get('/api/targets')).statusCode).toBe(403);
    expect((await zhujian.get('/api/targets')).statusCode).toBe(200);
  },
  'PUT /api/targets/indicators/{id}/years/{year}': async ({ yinlun, zhujian, indicatorId }) => {
    expect((await yinlun.request('PUT', `/api/targets/indicators/${indicatorId}/years/2026`, { actualValue: 1 })).statusCode).toBe(403);
    expect((await zhujian.request('PUT', `/api/targets/indicators/${indicatorId}/years/2026`, { actualValue: 1 })).statusCode).toBe(403);
  },
  'GET /api/targets/indicators/{id}/drill': async ({ yinlun, indicatorId }) => {
    expect((await yinlun.get(`/api/targets/indicators/${indicatorId}/drill`)).statusCode).toBe(403);
  },
  'GET /api/targets/tasks': async ({ yinlun }) => {
    expect((await yinlun.get('/api/targets/tasks')).statusCode).toBe(403);
  },
  'POST /api/targets/tasks': async ({ yinlun, zhujian, indicatorId }) => {
    const body = {
      indicatorId,
      year: 2026,
      title: 'x',
      departmentId: zhujian.organisationId,
      startDate: '2026-01-01',
      deadline: '2026-12-31',
    };
    expect((await yinlun.post('/api/targets/tasks', body)).statusCode).toBe(403);
    expect((await zhujian.post('/api/targets/tasks', body)).statusCode).toBe(403);
  },
  'GET /api/targets/tasks/{id}': async ({ yinlun, otherDepartmentTaskId }) => {
    expect((await yinlun.get(`/api/targets/tasks/${otherDepartmentTaskId}`)).statusCode).toBe(403);
  },
  'POST /api/targets/tasks/{id}/reports': async ({ yinlun, zhujian, otherDepartmentTaskId }) => {
    expect((await yinlun.post(`/api/targets/tasks/${otherDepartmentTaskId}/reports`, { progress: 1, note: 'x' })).statusCode).toBe(403);
    expect((await zhujian.post(`/api/targets/tasks/${otherDepartmentTaskId}/reports`, { progress: 1, note: 'x' })).statusCode).toBe(403);
  },
  'GET /api/home': async ({ shanhe, zhujian, yinlunWorkOrderId, yinlunAlarmId, shanheRequestId }) => {
    // Each caller's own work only: 山河's home lists none of 银轮's orders or alarms, a department none of the
    // requests it does not handle.
    const theirs = (await shanhe.get('/api/home')).json();
    expect(theirs.kind).toBe('enterprise');
    const ids = [...theirs.alarms.items, ...theirs.workOrders.items].map((i: { id: string }) => i.id);
    expect(ids).not.toContain(yinlunWorkOrderId);
    expect(ids).not.toContain(yinlunAlarmId);
    const department = (await zhujian.get('/api/home')).json();
    expect(department.kind).toBe('department');
    expect(department.urgent.map((r: { id: string }) => r.id)).not.toContain(shanheRequestId);
  },
};

describe.each(ENGINES)('access boundaries on %s', (engine) => {
  const ctx = {} as Ctx;
  beforeAll(async () => {
    ctx.t = await createTestApp(engine);
    ctx.admin = await login(ctx.t.app, 'admin');
    ctx.yinlun = await login(ctx.t.app, 'yinlun');
    ctx.shanhe = await login(ctx.t.app, 'shanhe');
    ctx.zhujian = await login(ctx.t.app, 'zhujian');
    ctx.shanheUserId = ctx.shanhe.userId;
    ctx.shanheTokenId = (await ctx.shanhe.post('/api/api-tokens', { name: 'ERP' })).json().id;
    ctx.parkId = (await ctx.admin.get('/api/parks')).json()[0].id;
    ctx.departmentId = ctx.zhujian.organisationId;
    const filed = await ctx.shanhe.post('/api/service-requests', {
      categoryCode: 'construction',
      title: '白蚁防治',
      description: '仓库发现白蚁',
      contactName: '徐丽华',
      contactPhone: '13800000000',
    });
    ctx.shanheRequestId = filed.json().id;
    ctx.yinlunPlantId = (await ctx.yinlun.get('/api/plants')).json()[0].id;
    ctx.yinlunLineId = (await ctx.yinlun.get(`/api/lines?plantId=${ctx.yinlunPlantId}`)).json()[0].id;
    const molds = (await ctx.yinlun.get('/api/assets?kind=mold&pageSize=200')).json().items as Array<{
      id: string;
      mountedOnAssetId: string | null;
    }>;
    const mounted = molds.find((m) => m.mountedOnAssetId !== null)!;
    ctx.yinlunMoldId = mounted.id;
    ctx.yinlunPressId = mounted.mountedOnAssetId!;
    const third = (await ctx.admin.get('/api/enterprises?pageSize=200')).json().items as Array<{ id: string }>;
    const receiver = third.find((e) => e.id !== ctx.yinlun.organisationId && e.id !== ctx.shanhe.organisationId)!;
    const loose = (
      molds as Array<{ id: string; mountedOnAssetId: string | null; enterpriseId?: string; custodianEnterpriseId?: string | null }>
    ).find((m) => m.mountedOnAssetId === null && m.enterpriseId === ctx.yinlun.organisationId && !m.custodianEnterpriseId)!;
    const offered = await ctx.yinlun.post(`/api/assets/${loose.id}/transfer`, { enterpriseId: receiver.id, role: 'owner' });
    expect(offered.statusCode, offered.body).toBe(202);
    ctx.yinlunOfferId = offered.json().id;
    const plan = { assetId: ctx.yinlunPressId, name: '一级保养', trigger: 'time', intervalValue: 1, intervalUnit: 'months' };
    ctx.yinlunPlanId = (await ctx.yinlun.post('/api/maintenance/plans', plan)).json().id;
    ctx.yinlunWorkOrderId = (await ctx.yinlun.post('/api/work-orders', { assetId: ctx.yinlunPressId, title: '异响' })).json().id;
    ctx.yinlunPartId = (await ctx.yinlun.post('/api/spare-parts', { code: 'SEAL-1', name: '油封', quantity: 4 })).json().id;
    ctx.yinlunInspectionRouteId = (await ctx.yinlun.post('/api/inspection/routes', { name: '日常点检' })).json().id;
    const point = { name: '液压站', assetId: ctx.yinlunPressId, items: [{ label: '有无泄漏', kind: 'pass_fail' }] };
    const withPoint = (await ctx.yinlun.post(`/api/inspection/routes/${ctx.yinlunInspectionRouteId}/points`, point)).json();
    ctx.yinlunInspectionPointId = withPoint.points[0].id;
    ctx.yinlunInspectionItemId = withPoint.points[0].items[0].id;
    const label = (await ctx.yinlun.get(`/api/inspection/points/${ctx.yinlunInspectionPointId}/label`)).body;
    ctx.yinlunInspectionToken = /\/inspect\/([\w-]+)</.exec(label)![1]!;
    ctx.yinlunInspectionRoundId = (await ctx.yinlun.post('/api/inspection/rounds', { routeId: ctx.yinlunInspectionRouteId })).json().id;
    const device = (await ctx.yinlun.post('/api/telemetry/devices', { name: '压铸机 7#', assetId: ctx.yinlunPressId })).json();
    ctx.yinlunDeviceId = device.device.id;
    ctx.yinlunDeviceToken = device.credentials.accessToken;
    const rule = { name: '油温过高', metric: 'oil_temp', condition: 'above', threshold: 60 };
    ctx.yinlunRuleId = (await ctx.yinlun.post('/api/telemetry/alarm-rules', rule)).json().id;
    await ctx.t.app.inject({ method: 'POST', url: `/api/v1/${ctx.yinlunDeviceToken}/telemetry`, payload: { oil_temp: 70 } });
    await ctx.t.app.telemetry.monitor.idle();
    ctx.yinlunAlarmId = (await ctx.yinlun.get('/api/telemetry/alarms')).json().items[0].id;
    const screenToken = { name: '一号厂区大屏', screen: 'plant', plantId: ctx.yinlunPlantId };
    ctx.yinlunScreenTokenId = (await ctx.yinlun.post('/api/screen-tokens', screenToken)).json().id;
    const shanheProject = (await ctx.shanhe.get('/api/projects')).json().items[0];
    ctx.shanheProjectId = shanheProject.id;
    ctx.shanheMilestoneId = (await ctx.admin.get(`/api/projects/${shanheProject.id}`)).json().milestones[0].id;
    const targetTree = (await ctx.admin.get('/api/targets')).json();
    ctx.indicatorId = targetTree.indicators[0].id;
    const tasks = (await ctx.admin.get('/api/targets/tasks')).json() as Array<{ id: string; departmentId: string }>;
    ctx.otherDepartmentTaskId = tasks.find((task) => task.departmentId !== ctx.zhujian.organisationId)!.id;
  });
  afterAll(async () => ctx.t?.close());

  it.each(Object.keys(ACCESS))('%s', async (endpoint) => {
    await ACCESS[endpoint]!(ctx);
  });

  it('covers every endpoint of the OpenAPI document', () => {
    const paths = (ctx.t.app.swagger() as { paths: Record<string, Record<string, unknown>> }).paths;
    const endpoints = Object.entries(paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    expect(endpoints.sort()).toEqual(Object.keys(ACCESS).sort());
  });
});
