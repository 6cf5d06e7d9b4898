// screens: the big screens (监控大屏) — a plant's or an enterprise's, and the county's — as snapshots built
// from the same services as the pages behind them, plus read-only kiosk tokens for wall displays.
export type { ScreenTables } from './screens.tables';
export { ScreensService, type ScreenSources } from './screens.service';
export { screensRoutes } from './screens.routes';
export { type MachineAlarm, type MachineScope, type MachineSource, type MachineStatus, type MachineUtilisation } from './machine-source';
export { countyProjectsSlot, countyTargetsSlot } from './county-slots';
