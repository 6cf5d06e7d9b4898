import { App, Flex, Switch, Typography } from 'antd';
import type { UseMutationResult, UseQueryResult } from '@tanstack/react-query';
import { useCan, type Permission } from '@/lib/authorization';
import { describeError } from '@/lib/error-message';
import { useI18n, type MessageKey } from '@/lib/i18n';

interface Sharing {
  shared: boolean;
}

/**
 * An enterprise's opt-in to show the county its details (maintenance figures, asset summary): the admin
 * (`permission`, the module's '*.manage') switches it, other users see it.
 */
export function SharingSwitch({
  sharing,
  setSharing,
  permission,
  messages,
  testId,
}: {
  sharing: UseQueryResult<Sharing>;
  setSharing: UseMutationResult<Sharing, Error, Sharing>;
  permission: Permission;
  messages: { label: MessageKey; on: MessageKey; off: MessageKey };
  testId: string;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const switches = useCan(permission);
  if (!sharing.data) return null;
  return (
    <Flex gap={8} align="center">
      <Switch
        size="small"
        checked={sharing.data.shared}
        loading={setSharing.isPending}
        disabled={!switches}
        aria-label={t(messages.label)}
        onChange={(shared) =>
          setSharing.mutate(
            { shared },
            {
              onSuccess: () => void message.success(t(shared ? messages.on : messages.off)),
              onError: (error) => void message.error(describeError(error, t)),
            },
          )
        }
        data-testid={testId}
      />
      <Typography.Text>{t(messages.label)}</Typography.Text>
    </Flex>
  );
}
