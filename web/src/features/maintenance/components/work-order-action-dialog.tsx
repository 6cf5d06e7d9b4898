import { Alert, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { WorkOrderAction, WorkOrderActionBody, WorkOrderDetailView } from '@tiantai/shared';
import { useCurrentUser } from '@/lib/authorization';
import { countyDayjs, countyInstantOf } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { useActOnWorkOrder } from '../api/act-on-work-order';
import { useSpareParts } from '../api/get-spare-parts';
import { useTechnicians } from '../api/get-technicians';
import { describeWorkOrderError } from './work-order-error';

interface ActionValues {
  assigneeUserId?: string;
  dueAt?: Dayjs | null;
  reason?: string;
  partId?: string;
  quantity?: number | null;
  result?: string;
  labourMinutes?: number | null;
  downtimeEnd?: Dayjs | null;
  note?: string;
}

const trimmed = (value: string | undefined) => value?.trim() ?? '';

function toBody(action: WorkOrderAction, values: ActionValues): WorkOrderActionBody {
  switch (action) {
    case 'assign':
      // The pickers show and take the county's wall clock, whatever the browser's zone.
      return { action, assigneeUserId: values.assigneeUserId ?? '', dueAt: values.dueAt ? countyInstantOf(values.dueAt) : undefined };
    case 'hold':
    case 'reject':
      return { action, reason: trimmed(values.reason) };
    case 'use_part':
      return { action, partId: values.partId ?? '', quantity: values.quantity ?? 0 };
    case 'complete':
      return {
        action,
        result: trimmed(values.result),
        labourMinutes: values.labourMinutes ?? 0,
        downtimeEnd: values.downtimeEnd ? countyInstantOf(values.downtimeEnd) : undefined,
      };
    case 'accept':
      return { action, note: trimmed(values.note) || undefined };
    case 'start':
    case 'resume':
      return { action };
  }
}

/** One step of a work order: its few fields and one confirm button, sized for a phone. */
export function WorkOrderActionDialog({
  order,
  action,
  onClose,
}: {
  order: WorkOrderDetailView;
  action: WorkOrderAction;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const user = useCurrentUser();
  const [form] = Form.useForm<ActionValues>();
  const act = useActOnWorkOrder(order.id);
  const technicians = useTechnicians(user.organisationId, action === 'assign');
  const parts = useSpareParts(action === 'use_part');
  const partId = Form.useWatch('partId', form);
  const part = parts.data?.find((p) => p.id === partId);

  const submit = (values: ActionValues) => act.mutate(toBody(action, values), { onSuccess: onClose });

  return (
    <Modal
      open
      title={t(`workOrderAction.${action}`)}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('action.cancel')}
        </Button>,
        <Button
          key="submit"
          type="primary"
          danger={action === 'reject'}
          loading={act.isPending}
          onClick={() => form.submit()}
          data-testid="action-submit"
        >
          {t(`workOrderAction.${action}`)}
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary">
        <span className="tt-mono">{order.number}</span> · {order.title}
      </Typography.Paragraph>
      <Form<ActionValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        requiredMark={false}
        initialValues={{ labourMinutes: 60, quantity: 1, downtimeEnd: order.downtimeStart ? countyDayjs() : null }}
      >
        {action === 'assign' && (
          <>
            <Form.Item
              name="assigneeUserId"
              label={t('workOrder.assignee')}
              rules={[{ required: true, message: t('workOrder.assigneeRequired') }]}
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                loading={technicians.isFetching}
                options={(technicians.data ?? []).map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }))}
                data-testid="assign-user"
              />
            </Form.Item>
            <Form.Item name="dueAt" label={t('workOrder.dueAt')}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} inputReadOnly />
            </Form.Item>
          </>
        )}
        {(action === 'hold' || action === 'reject') && (
          <Form.Item
            name="reason"
            label={t('workOrder.reason')}
            rules={[{ required: true, whitespace: true, message: t('workOrder.reasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={1000} data-testid="action-reason" />
          </Form.Item>
        )}
        {action === 'use_part' && (
          <>
            <Form.Item name="partId" label={t('workOrder.part')} rules={[{ required: true, message: t('workOrder.partRequired') }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                loading={parts.isFetching}
                options={(parts.data ?? []).map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }))}
                data-testid="part-select"
              />
            </Form.Item>
            <Form.Item
              name="quantity"
              label={t('workOrder.quantity')}
              extra={part && t('workOrder.inStock', { quantity: part.quantity, unit: part.unit })}
              rules={[{ required: true, message: t('workOrder.quantityRequired') }]}
            >
              <InputNumber min={0.001} max={1e6} style={{ width: '100%' }} inputMode="decimal" data-testid="part-quantity" />
            </Form.Item>
          </>
        )}
        {action === 'complete' && (
          <>
            <Form.Item
              name="result"
              label={t('workOrder.result')}
              rules={[{ required: true, whitespace: true, message: t('workOrder.resultRequired') }]}
            >
              <Input.TextArea rows={3} maxLength={5000} data-testid="complete-result" />
            </Form.Item>
            <Form.Item name="labourMinutes" label={t('workOrder.labourMinutes')} rules={[{ required: true }]}>
              <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} inputMode="numeric" data-testid="complete-labour" />
            </Form.Item>
            {order.downtimeStart && (
              <Form.Item name="downtimeEnd" label={t('workOrder.downtimeEnd')}>
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} inputReadOnly />
              </Form.Item>
            )}
          </>
        )}
        {action === 'accept' && (
          <Form.Item name="note" label={t('workOrder.note')}>
            <Input.TextArea rows={2} maxLength={1000} data-testid="accept-note" />
          </Form.Item>
        )}
        {act.isError && <Alert type="error" showIcon title={describeWorkOrderError(act.error, t)} data-testid="action-error" />}
      </Form>
    </Modal>
  );
}
