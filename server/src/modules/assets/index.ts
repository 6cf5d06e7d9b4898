// assets: plants (厂区) → lines → equipment, with molds and tooling as mobile assets of their own (mounted on
// a press, kept for a customer, transferable); the lifecycle and its timeline; run-hour, cycle and shot counters.
export type { AssetTables } from './assets.tables';
export { AssetService } from './assets.service';
export { AssetCustodyService, type TransferOutcome } from './asset-custody.service';
/** What other modules do when an asset changes hands (app.ts wires maintenance and the bell). */
export type { CustodyHooks, HolderChange } from './custody-hooks';
export { PlaceService } from './places.service';
export { AssetSummaryService } from './asset-summary.service';
/** For maintenance: a running work order takes its asset out of service and back (lifecycle table, timeline, audit). */
export { moveAssetForWorkOrder } from './assets.service';
export { assetRoutes } from './assets.routes';
/** For maintenance: the asset an enterprise keeps, and a counter's total (usage-based plans). */
export { assetsForKpis, counterTotal, findKeptAsset } from './assets.repository';
/** For maintenance's inspection routes: a route's plant, and the printable QR label. */
export { findPlant } from './assets.repository';
export { assetLabelSvg } from './label';
/** For telemetry: machine counters feed the asset counters (and the mounted mold's shots). */
export { applyTelemetryCounter } from './telemetry-counters';
