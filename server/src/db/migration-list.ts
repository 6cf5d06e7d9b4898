// Every migration, in order. The bundled server carries them compiled in; a test checks this list against the
// folder, so a new migration file that is not listed here fails CI.
import type { Migration } from 'kysely';
import * as m0 from './migrations/2026-11-28T14-00-00_identity';
import * as m1 from './migrations/2026-11-28T14-10-00_registry';
import * as m2 from './migrations/2026-11-28T15-00-00_service-requests';
import * as m3 from './migrations/2026-11-28T15-30-00_request-attachments';
import * as m4 from './migrations/2026-11-28T16-00-00_assets';
import * as m5 from './migrations/2026-11-28T16-30-00_maintenance';
import * as m6 from './migrations/2026-11-28T17-00-00_inspection';
import * as m7 from './migrations/2026-11-28T17-30-00_work-order-attachments';
import * as m8 from './migrations/2026-11-28T18-00-00_maintenance-sharing';
import * as m9 from './migrations/2026-11-28T19-00-00_work-order-asset-state';
import * as m10 from './migrations/2026-11-28T19-10-00_work-order-checklist';
import * as m11 from './migrations/2026-11-28T19-20-00_inspection-photos';
import * as m12 from './migrations/2026-11-28T19-30-00_asset-press';
import * as m13 from './migrations/2026-11-28T19-40-00_asset-sharing';
import * as m14 from './migrations/2026-11-28T20-00-00_telemetry';
import * as m15 from './migrations/2026-11-28T21-00-00_projects';
import * as m16 from './migrations/2026-11-28T21-10-00_targets';
import * as m17 from './migrations/2026-11-28T22-00-00_screen-tokens';
import * as m18 from './migrations/2026-11-28T22-10-00_notification-links';
import * as m19 from './migrations/2026-12-02T18-00-00_password-change';
import * as m20 from './migrations/2026-12-03T11-00-00_api-token-limits';
import * as m21 from './migrations/2026-12-03T13-00-00_device-refusal-counts';
import * as m22 from './migrations/2026-12-03T14-00-00_asset-transfer-offers';
import * as m23 from './migrations/2026-12-03T15-00-00_open311-fields';
import * as m24 from './migrations/2026-12-04T10-00-00_request-follow-up';

export const MIGRATIONS: Record<string, Migration> = {
  '2026-11-28T14-00-00_identity': m0,
  '2026-11-28T14-10-00_registry': m1,
  '2026-11-28T15-00-00_service-requests': m2,
  '2026-11-28T15-30-00_request-attachments': m3,
  '2026-11-28T16-00-00_assets': m4,
  '2026-11-28T16-30-00_maintenance': m5,
  '2026-11-28T17-00-00_inspection': m6,
  '2026-11-28T17-30-00_work-order-attachments': m7,
  '2026-11-28T18-00-00_maintenance-sharing': m8,
  '2026-11-28T19-00-00_work-order-asset-state': m9,
  '2026-11-28T19-10-00_work-order-checklist': m10,
  '2026-11-28T19-20-00_inspection-photos': m11,
  '2026-11-28T19-30-00_asset-press': m12,
  '2026-11-28T19-40-00_asset-sharing': m13,
  '2026-11-28T20-00-00_telemetry': m14,
  '2026-11-28T21-00-00_projects': m15,
  '2026-11-28T21-10-00_targets': m16,
  '2026-11-28T22-00-00_screen-tokens': m17,
  '2026-11-28T22-10-00_notification-links': m18,
  '2026-12-02T18-00-00_password-change': m19,
  '2026-12-03T11-00-00_api-token-limits': m20,
  '2026-12-03T13-00-00_device-refusal-counts': m21,
  '2026-12-03T14-00-00_asset-transfer-offers': m22,
  '2026-12-03T15-00-00_open311-fields': m23,
  '2026-12-04T10-00-00_request-follow-up': m24,
};
