import { Alert, Button, Form, Input, Modal, Switch } from 'antd';
import type { InspectionRouteDetailView, InspectionRouteView } from '@tiantai/shared';
import { describeError } from '@/lib/error-message';
import { useI18n } from '@/lib/i18n';
import { useCreateInspectionRoute } from '../api/create-inspection-route';
import { useUpdateInspectionRoute } from '../api/edit-inspection-route';

interface RouteValues {
  name?: string;
  active?: boolean;
}

/** A new route (巡检路线): a name now, its points one by one afterwards; or an existing one renamed or paused. */
export function RouteFormModal({
  route,
  onClose,
  onCreated,
}: {
  route?: InspectionRouteView;
  onClose: () => void;
  onCreated?: (route: InspectionRouteDetailView) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<RouteValues>();
  const create = useCreateInspectionRoute();
  const update = useUpdateInspectionRoute(route?.id ?? '');
  const saving = route ? update : create;

  const submit = (values: RouteValues) => {
    const name = values.name?.trim() ?? '';
    if (route) update.mutate({ name, active: values.active ?? true }, { onSuccess: onClose });
    else create.mutate({ name }, { onSuccess: (created) => (onCreated ?? onClose)(created) });
  };

  return (
    <Modal
      open
      title={t(route ? 'inspection.route.edit' : 'inspection.route.new')}
      onCancel={onClose}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('action.cancel')}
        </Button>,
        <Button key="submit" type="primary" loading={saving.isPending} onClick={() => form.submit()} data-testid="route-submit">
          {t('action.save')}
        </Button>,
      ]}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={submit}
        initialValues={route ? { name: route.name, active: route.active } : undefined}
      >
        <Form.Item
          name="name"
          label={t('inspection.route.name')}
          rules={[{ required: true, whitespace: true, message: t('inspection.route.nameRequired') }]}
        >
          <Input maxLength={200} placeholder={t('inspection.route.namePlaceholder')} data-testid="route-name" />
        </Form.Item>
        {route && (
          <Form.Item name="active" label={t('inspection.route.active')} valuePropName="checked" extra={t('inspection.route.activeHint')}>
            <Switch data-testid="route-active" />
          </Form.Item>
        )}
        {saving.isError && <Alert type="error" showIcon title={describeError(saving.error, t)} />}
      </Form>
    </Modal>
  );
}
