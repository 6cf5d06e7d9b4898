import { App, Flex, Switch, Typography } from 'antd';
import { useCurrentUser } from '@/lib/authorization';
import { describeError } from '@/lib/error-message';
import { useI18n } from '@/lib/i18n';
import { useAssetSharing, useSetAssetSharing } from '../api/asset-sharing';

/** The enterprise's choice to show the county its asset summary: the admin switches it, other users see it. */
export function AssetSharingSwitch() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const sharing = useAssetSharing();
  const setSharing = useSetAssetSharing();
  if (!sharing.data) return null;
  return (
    <Flex gap={8} align="center">
      <Switch
        size="small"
        checked={sharing.data.shared}
        loading={setSharing.isPending}
        disabled={me.role !== 'enterprise_admin'}
        onChange={(shared) =>
          setSharing.mutate(
            { shared },
            {
              onSuccess: () => void message.success(t(shared ? 'assets.sharing.on' : 'assets.sharing.off')),
              onError: (error) => void message.error(describeError(error, t)),
            },
          )
        }
        data-testid="asset-sharing"
      />
      <Typography.Text>{t('assets.sharing.label')}</Typography.Text>
    </Flex>
  );
}
