// projects: investment projects from negotiation (洽谈) to full production (达产) — stages, yearly plans,
// investment completed by month, milestones, 序时进度 signals, statistics by size band, stage, park and
// industry, Excel import and export, and direct-service requests filed for a project.
export type { ProjectTables } from './projects.tables';
export { ProjectService } from './projects.service';
export { projectRoutes } from './projects.routes';
/** The year's project statistics, for the county screen: the same function the statistics page reads. */
export { projectStatistics, yearProjectList, yi } from './statistics';
export { chinaDate, chinaYear, daysBetween, monthsFinished } from './china-date';
