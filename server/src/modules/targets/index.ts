// targets: the county's targets (目标) — indicators with yearly targets and actuals (年度路径图), tasks with
// a responsible department and deadline (任务图, 责任表), progress reports, status against 序时进度, the yearly
// growth a target needs, and a drill-down to the enterprises or projects behind an indicator.
export type { TargetTables } from './targets.tables';
export { TargetService, targetProgress } from './targets.service';
export { targetRoutes } from './targets.routes';
