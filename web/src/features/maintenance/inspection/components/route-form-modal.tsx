import { Alert, Button, Form, Input, Modal } from 'antd';
import type { InspectionRouteDetailView } from '@tiantai/shared';
import { describeError } from '@/lib/error-message';
import { useI18n } from '@/lib/i18n';
import { useCreateInspectionRoute } from '../api/create-inspection-route';

/** A new route (巡检路线): a name now, its points one by one afterwards. */
export function RouteFormModal({ onClose, onCreated }: { onClose: () => void; onCreated: (route: InspectionRouteDetailView) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ name?: string }>();
  const create = useCreateInspectionRoute();
  return (
    <Modal
      open
      title={t('inspection.route.new')}
      onCancel={onClose}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('action.cancel')}
        </Button>,
        <Button key="submit" type="primary" loading={create.isPending} onClick={() => form.submit()} data-testid="route-submit">
          {t('action.save')}
        </Button>,
      ]}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(values) => create.mutate({ name: values.name?.trim() ?? '' }, { onSuccess: onCreated })}
      >
        <Form.Item
          name="name"
          label={t('inspection.route.name')}
          rules={[{ required: true, whitespace: true, message: t('inspection.route.nameRequired') }]}
        >
          <Input maxLength={200} placeholder={t('inspection.route.namePlaceholder')} data-testid="route-name" />
        </Form.Item>
        {create.isError && <Alert type="error" showIcon title={describeError(create.error, t)} />}
      </Form>
    </Modal>
  );
}
