// What other modules do when an asset changes hands. The assets module imports none of them (maintenance
// depends on assets, not the other way round): app.ts passes these hooks to the custody service, as it passes
// telemetry its MonitorHooks. Each runs inside the transaction of the change, so a failure undoes the change.
import type { Actor, AssetTransferOfferView } from '@tiantai/shared';
import type { AssetDb } from './assets.repository';

/** The asset went to another keeper (holder: the custodian, or the owner when nobody else keeps it). */
export interface HolderChange {
  assetId: string;
  assetCode: string;
  assetName: string;
  fromHolderId: string;
  toHolderId: string;
  /** The admin who accepted the offer (or sent the asset back to its owner). */
  actor: Actor;
  at: string;
}

export interface CustodyHooks {
  /**
   * Records that follow the keeper (maintenance: the asset's plans move, the old keeper's open orders close).
   * Answers what it did in a line for the asset's timeline, or null.
   */
  holderChanged?: (trx: AssetDb, change: HolderChange) => Promise<string | null>;
  /**
   * An offer was made: tell the receiving enterprise's admins. Written in `trx`; answers the live push to make
   * once the transaction has committed.
   */
  offerMade?: (trx: AssetDb, offer: AssetTransferOfferView) => Promise<() => void>;
}
