// service-requests: enterprise direct service (企业直通服务) — requests from filing to rated answer, the
// office's dispatch to departments, SLA clocks on China's working calendar, notifications and statistics.
export type { ServiceRequestTables } from './service-requests.tables';
export { ServiceRequestService } from './service-requests.service';
export { serviceRequestRoutes } from './service-requests.routes';
export { loadServiceRequestDemo } from './service-requests.demo';
export { open311Routes } from './open311.routes';
