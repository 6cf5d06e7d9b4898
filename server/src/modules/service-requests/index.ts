// service-requests: enterprise direct service (企业直通服务) — requests from filing to rated answer, the
// office's dispatch to departments, SLA clocks on China's working calendar and statistics (the parties hear of
// each step through the notifications module).
export type { ServiceRequestTables } from './service-requests.tables';
export { ServiceRequestService } from './service-requests.service';
export { RequestSettingsService } from './request-settings.service';
export { RequestAttachmentService } from './request-attachments.service';
export { serviceRequestRoutes } from './service-requests.routes';
export { open311Routes } from './open311.routes';
