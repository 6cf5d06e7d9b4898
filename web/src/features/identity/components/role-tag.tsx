import { Tag } from 'antd';
import type { Role } from '@tiantai/shared';
import { useI18n } from '@/lib/i18n';

const ROLE_COLORS: Record<Role, string> = {
  county_admin: 'red',
  service_officer: 'volcano',
  county_viewer: 'gold',
  department_handler: 'cyan',
  enterprise_admin: 'blue',
  enterprise_member: 'geekblue',
};

export function RoleTag({ role }: { role: Role }) {
  const { t } = useI18n();
  return <Tag color={ROLE_COLORS[role]}>{t(`role.${role}`)}</Tag>;
}
