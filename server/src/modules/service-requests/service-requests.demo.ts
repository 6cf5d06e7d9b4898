// Demo direct service: each category's lead department, by the departments' short names in the demo register.
import type { ServiceRequestDb } from './service-requests.repository';

const DEFAULT_LEADS: Record<string, string> = {
  land: '自然资源局',
  planning: '自然资源局',
  construction: '住建局',
  power: '供电公司',
  water_gas: '水务集团',
  tax: '税务局',
  finance: '金融中心',
  talent: '人社局',
  environment: '环保分局',
  safety: '应急局',
  market: '市场监管局',
  policy: '经信局',
  other: '直通办',
};

export async function loadServiceRequestDemo(db: ServiceRequestDb, departmentIds: Record<string, string>): Promise<void> {
  for (const [code, short] of Object.entries(DEFAULT_LEADS)) {
    const id = departmentIds[short];
    if (id) await db.updateTable('service_categories').set({ lead_department_id: id }).where('code', '=', code).execute();
  }
}
