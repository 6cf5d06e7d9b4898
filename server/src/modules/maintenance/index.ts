// maintenance: plans that fall due by time or by usage (WARNING before DUE), the idempotent job that turns
// due plans into work orders, work orders 保养/巡检/维修 from 报修 to 验收 with downtime, labour and spare parts
// (their checklists and files in services of their own); spare parts and their stock; KPIs and the county
// roll-up of the enterprises that share them.
export type { MaintenanceTables } from './maintenance.tables';
export { PlanService } from './plans.service';
export { WorkOrderService } from './work-orders.service';
export { WorkOrderChecklistService } from './work-order-checklist.service';
export { WorkOrderAttachmentService } from './work-order-attachments.service';
export { MaintenanceKpiService } from './maintenance-kpis.service';
export { SparePartService } from './spare-parts.service';
export { maintenanceRoutes } from './maintenance.routes';
/** For the assets module's custody hooks (app.ts): plans follow the asset to its new keeper, open orders close. */
export { handOverMaintenance } from './asset-handover';
/** 巡检/点检: routes of QR-labelled points walked in rounds; a failed check item opens a repair work order. */
export type { InspectionTables } from './inspection.tables';
export { InspectionRouteService } from './inspection-routes.service';
export { InspectionRoundService } from './inspection-rounds.service';
export { inspectionRoutes } from './inspection.routes';
