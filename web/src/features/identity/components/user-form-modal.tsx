import { useState } from 'react';
import { Alert, App, Form, Input, Modal, Select, Switch } from 'antd';
import { ROLES, ROLE_ORGANISATION_KIND } from '@tiantai/shared';
import type { CreateUserBody, Role, UpdateUserBody, UserView } from '@tiantai/shared';
import { FormRow } from '@/components/form-row';
import { useCurrentUser } from '@/lib/authorization';
import { describeError } from '@/lib/error-message';
import { useI18n } from '@/lib/i18n';
import { notCommon } from '@/lib/password-rule';
import { useCreateUser } from '../api/create-user';
import { useOrganisations } from '../api/get-organisations';
import { useUpdateUser } from '../api/update-user';

interface UserFormValues {
  username: string;
  displayName: string;
  role: Role;
  organisationId?: string;
  phone?: string;
  password?: string;
  active: boolean;
}

export function UserFormModal({ user, onClose }: { user: UserView | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const [form] = Form.useForm<UserFormValues>();
  const createUser = useCreateUser();
  const updateUser = useUpdateUser();
  const organisations = useOrganisations();
  const [failure, setFailure] = useState<string | null>(null);
  const editingSelf = user?.id === me.id;

  // An enterprise admin manages only its own enterprise's people; a role must fit its organisation's kind.
  const allowedRoles = ROLES.filter((role) => {
    if (me.role === 'enterprise_admin' && ROLE_ORGANISATION_KIND[role] !== 'enterprise') return false;
    if (user && ROLE_ORGANISATION_KIND[role] !== user.organisationKind) return false;
    return true;
  });

  const role = Form.useWatch('role', form);
  const organisationKind = role ? ROLE_ORGANISATION_KIND[role] : undefined;
  const organisationOptions = (organisations.data ?? [])
    .filter((o) => !organisationKind || o.kind === organisationKind)
    .map((o) => ({ value: o.id, label: o.name }));

  const initialValues: UserFormValues = user
    ? {
        username: user.username,
        displayName: user.displayName,
        role: user.role,
        organisationId: user.organisationId,
        phone: user.phone ?? '',
        active: user.active,
      }
    : me.role === 'enterprise_admin'
      ? { username: '', displayName: '', role: 'enterprise_member', organisationId: me.organisationId, active: true }
      : { username: '', displayName: '', role: 'department_handler', active: true };

  const onValuesChange = (changed: Partial<UserFormValues>) => {
    if (!changed.role || user) return;
    // Changing the role may leave an organisation of the wrong kind selected.
    const chosen = organisations.data?.find((o) => o.id === form.getFieldValue('organisationId'));
    if (chosen && chosen.kind !== ROLE_ORGANISATION_KIND[changed.role]) form.setFieldValue('organisationId', undefined);
  };

  const onFinish = async (values: UserFormValues) => {
    setFailure(null);
    const phone = values.phone?.trim() || null;
    try {
      if (user) {
        const body: UpdateUserBody = { displayName: values.displayName.trim(), phone };
        if (!editingSelf) {
          body.role = values.role;
          body.active = values.active;
        }
        if (values.password) body.password = values.password;
        await updateUser.mutateAsync({ id: user.id, body });
      } else {
        const body: CreateUserBody = {
          username: values.username.trim(),
          displayName: values.displayName.trim(),
          role: values.role,
          organisationId: values.organisationId ?? '',
          phone,
          password: values.password ?? '',
        };
        await createUser.mutateAsync(body);
      }
      void message.success(t('common.saved'));
      onClose();
    } catch (error) {
      setFailure(describeError(error, t));
    }
  };

  return (
    <Modal
      open
      title={user ? t('users.edit') : t('users.new')}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      confirmLoading={createUser.isPending || updateUser.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={620}
    >
      <Form<UserFormValues>
        form={form}
        name="user"
        layout="vertical"
        initialValues={initialValues}
        onValuesChange={onValuesChange}
        onFinish={onFinish}
        autoComplete="off"
      >
        <FormRow>
          <Form.Item
            name="username"
            label={t('user.username')}
            rules={[
              { required: true, min: 3, max: 64 },
              { pattern: /^[a-zA-Z0-9_.-]+$/, message: t('user.usernameRule') },
            ]}
          >
            <Input disabled={Boolean(user)} autoComplete="off" />
          </Form.Item>
          <Form.Item name="displayName" label={t('user.displayName')} rules={[{ required: true, whitespace: true, max: 100 }]}>
            <Input />
          </Form.Item>
        </FormRow>
        <FormRow>
          <Form.Item
            name="role"
            label={t('user.role')}
            rules={[{ required: true }]}
            extra={editingSelf ? t('user.selfRoleHint') : undefined}
          >
            <Select disabled={editingSelf} options={allowedRoles.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
          </Form.Item>
          <Form.Item name="organisationId" label={t('user.organisation')} rules={[{ required: true }]}>
            <Select
              disabled={Boolean(user) || me.role === 'enterprise_admin'}
              showSearch={{ optionFilterProp: 'label' }}
              loading={organisations.isPending}
              options={user ? [{ value: user.organisationId, label: user.organisationName }] : organisationOptions}
              placeholder={organisationKind ? t(`organisationKind.${organisationKind}`) : undefined}
            />
          </Form.Item>
        </FormRow>
        <FormRow>
          <Form.Item name="phone" label={t('user.phone')} rules={[{ max: 32 }]}>
            <Input />
          </Form.Item>
          <Form.Item
            name="password"
            label={user ? t('user.resetPassword') : t('user.password')}
            rules={[{ required: !user, min: 8, max: 200 }, notCommon(t('password.common'))]}
            extra={user ? t('user.resetPasswordHint') : t('user.passwordHint')}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </FormRow>
        {user && (
          <Form.Item name="active" label={t('user.status')} valuePropName="checked">
            <Switch disabled={editingSelf} checkedChildren={t('user.active')} unCheckedChildren={t('user.inactive')} />
          </Form.Item>
        )}
        {failure && <Alert type="error" showIcon title={failure} />}
      </Form>
    </Modal>
  );
}
