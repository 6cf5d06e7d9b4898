import { SharingSwitch } from '@/components/sharing-switch';
import { useAssetSharing, useSetAssetSharing } from '../api/asset-sharing';

/** The enterprise's choice to show the county its asset summary. */
export function AssetSharingSwitch() {
  return (
    <SharingSwitch
      sharing={useAssetSharing()}
      setSharing={useSetAssetSharing()}
      permission="assets.manage"
      messages={{ label: 'assets.sharing.label', on: 'assets.sharing.on', off: 'assets.sharing.off' }}
      testId="asset-sharing"
    />
  );
}
