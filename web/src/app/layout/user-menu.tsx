import { useState } from 'react';
import { Avatar, Dropdown, Flex, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { DownOutlined, KeyOutlined, LockOutlined, LogoutOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { ChangePasswordDialog } from '@/features/auth/components/change-password-dialog';
import { useLogout } from '@/features/auth/api/logout';
import { useCurrentUser } from '@/lib/authorization';
import { useI18n } from '@/lib/i18n';

export function UserMenu() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const logout = useLogout();
  const [changingPassword, setChangingPassword] = useState(false);

  const items: MenuProps['items'] = [
    {
      key: 'who',
      type: 'group',
      label: (
        <span>
          {user.username} · {t(`role.${user.role}`)}
        </span>
      ),
    },
    { key: 'password', icon: <LockOutlined />, label: <span data-testid="menu-change-password">{t('user.changePassword')}</span> },
    { key: 'tokens', icon: <KeyOutlined />, label: <span data-testid="menu-api-tokens">{t('nav.apiTokens')}</span> },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, danger: true, label: <span data-testid="logout">{t('user.logout')}</span> },
  ];

  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'password') setChangingPassword(true);
    if (key === 'tokens') void navigate('/tokens');
    if (key === 'logout') logout.mutate(undefined, { onSettled: () => void navigate('/', { replace: true }) });
  };

  return (
    <>
      <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
        <button type="button" className="tt-user" data-testid="user-menu">
          <Avatar size={30} style={{ background: '#2f7de1', flex: 'none' }}>
            {user.displayName.slice(0, 1).toUpperCase()}
          </Avatar>
          <Flex vertical className="tt-user__text">
            <Typography.Text className="tt-user__name" ellipsis>
              {user.displayName}
            </Typography.Text>
            <Typography.Text className="tt-user__org" ellipsis>
              {user.organisationName}
            </Typography.Text>
          </Flex>
          <DownOutlined className="tt-user__caret" />
        </button>
      </Dropdown>
      {changingPassword && <ChangePasswordDialog onClose={() => setChangingPassword(false)} />}
    </>
  );
}
