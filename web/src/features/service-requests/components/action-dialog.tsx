import { useEffect, useState } from 'react';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import type { Rating, RequestAction, RequestDetailView } from '@tiantai/shared';
import { isApiError } from '@/lib/api-client';
import { describeError } from '@/lib/error-message';
import { useI18n } from '@/lib/i18n';
import type { MessageKey } from '@/lib/i18n';
import { useActOnRequest } from '../api/act-on-request';
import type { ActionInput } from '../api/act-on-request';
import { useCategories } from '../api/get-categories';
import { useCurrentUser } from '@/lib/authorization';
import { useDepartments } from '@/lib/lookups';
import { RatingChoice } from './rating-choice';

interface ActionFormValues {
  phoneContact?: string;
  reason?: string;
  leadDepartmentId?: string;
  coDepartmentIds?: string[];
  note?: string;
  days?: number;
  answer?: string;
  rating?: Rating;
  comment?: string;
  opinion?: string;
}

const trimmed = (value: string | undefined) => value?.trim() ?? '';

/** The body of an action from the dialog's fields; each action reads only its own. */
function toBody(action: RequestAction, values: ActionFormValues): ActionInput {
  switch (action) {
    case 'accept':
      return { action, phoneContact: trimmed(values.phoneContact) };
    case 'reject':
    case 'return':
    case 'pause':
    case 'decline_extension':
      return { action, reason: trimmed(values.reason) };
    case 'dispatch':
      return {
        action,
        leadDepartmentId: values.leadDepartmentId ?? '',
        coDepartmentIds: (values.coDepartmentIds ?? []).filter((id) => id !== values.leadDepartmentId),
        note: trimmed(values.note) || undefined,
      };
    case 'request_extension':
      return { action, days: values.days ?? 1, reason: trimmed(values.reason) };
    case 'answer':
      return { action, answer: trimmed(values.answer) };
    case 'rate':
      return { action, rating: values.rating ?? 'satisfied', comment: trimmed(values.comment) || undefined };
    case 'follow_up':
      return { action, rating: values.rating ?? 'satisfied', note: trimmed(values.note) };
    case 'opinion':
      return { action, opinion: trimmed(values.opinion) };
    case 'sign':
    case 'start':
    case 'resume':
    case 'approve_extension':
      return { action };
  }
}

const CONFIRM_TEXT: Partial<Record<RequestAction, MessageKey>> = {
  sign: 'requestConfirm.sign',
  start: 'requestConfirm.start',
  resume: 'requestConfirm.resume',
  approve_extension: 'requestConfirm.approve_extension',
};

const REASON_ACTIONS: readonly RequestAction[] = ['reject', 'return', 'pause', 'decline_extension', 'request_extension'];

/** The dialog for one action: its few fields (or a confirmation) and one confirm button. */
export function ActionDialog({
  request,
  action,
  onClose,
  onDone,
}: {
  request: RequestDetailView;
  action: RequestAction;
  onClose: () => void;
  onDone: (action: RequestAction, updated: RequestDetailView) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ActionFormValues>();
  const act = useActOnRequest(request.id);
  const categories = useCategories();
  const departments = useDepartments(action === 'dispatch');
  const [failure, setFailure] = useState<string | null>(null);
  const lead = Form.useWatch('leadDepartmentId', form);
  const rating = Form.useWatch('rating', form);
  const user = useCurrentUser();
  // A co-handling department updates its opinion: the dialog starts from what it said before.
  const ownOpinion = request.opinions.find((o) => o.departmentId === user.organisationId)?.opinion;

  const category = categories.data?.find((c) => c.code === request.categoryCode);
  const defaultLead = request.leadDepartmentId ?? category?.leadDepartmentId ?? undefined;
  // The categories may arrive after the dialog opened: default the lead once they do, unless already chosen.
  useEffect(() => {
    if (action === 'dispatch' && defaultLead && !form.getFieldValue('leadDepartmentId'))
      form.setFieldValue('leadDepartmentId', defaultLead);
  }, [action, defaultLead, form]);

  const departmentOptions = (departments.data ?? [])
    .filter((d) => d.acceptsRequests || d.id === defaultLead)
    .map((d) => ({ value: d.id, label: d.name }));

  const onFinish = async (values: ActionFormValues) => {
    setFailure(null);
    try {
      const updated = await act.mutateAsync(toBody(action, values));
      void message.success(t('request.actionDone', { action: t(`requestAction.${action}`) }));
      onDone(action, updated);
    } catch (error) {
      // Someone else moved the request meanwhile: the page now shows what it is, and this dialog is stale.
      if (isApiError(error, 'CONFLICT') || isApiError(error, 'INVALID_TRANSITION')) {
        void message.warning(t('request.conflict'));
        onClose();
        return;
      }
      setFailure(describeError(error, t));
    }
  };

  const confirmText = CONFIRM_TEXT[action];
  const danger = action === 'reject' || action === 'return' || action === 'decline_extension';

  return (
    <Modal
      open
      title={`${t(`requestAction.${action}`)} · ${request.number}`}
      onCancel={onClose}
      destroyOnHidden
      width={['dispatch', 'answer', 'rate', 'follow_up', 'opinion'].includes(action) ? 600 : 520}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('action.cancel')}
        </Button>,
        <Button
          key="confirm"
          type="primary"
          danger={danger}
          loading={act.isPending}
          onClick={() => form.submit()}
          data-testid="action-confirm"
        >
          {t('actionForm.confirm')}
        </Button>,
      ]}
    >
      <Form<ActionFormValues>
        form={form}
        name="action"
        layout="vertical"
        initialValues={{ leadDepartmentId: defaultLead, coDepartmentIds: request.coDepartmentIds, days: 5, opinion: ownOpinion }}
        onFinish={onFinish}
      >
        {confirmText && (
          <Typography.Paragraph style={{ marginBottom: 8 }}>
            {t(confirmText, { days: request.extensionRequestedDays ?? '' })}
          </Typography.Paragraph>
        )}
        {action === 'accept' && (
          <Form.Item
            name="phoneContact"
            label={t('actionForm.phoneContact')}
            extra={t('actionForm.phoneContactHint')}
            rules={[{ required: true, whitespace: true, max: 1000 }]}
          >
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={1000} />
          </Form.Item>
        )}
        {action === 'dispatch' && (
          <>
            <Form.Item
              name="leadDepartmentId"
              label={t('actionForm.leadDepartment')}
              rules={[{ required: true }]}
              extra={category?.leadDepartmentName ? t('actionForm.leadDefault', { name: category.leadDepartmentName }) : undefined}
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={departmentOptions}
                loading={departments.isPending}
                data-testid="dispatch-lead"
              />
            </Form.Item>
            <Form.Item name="coDepartmentIds" label={t('actionForm.coDepartments')}>
              <Select
                mode="multiple"
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                options={departmentOptions.filter((o) => o.value !== lead)}
                loading={departments.isPending}
                maxCount={20}
                data-testid="dispatch-co"
              />
            </Form.Item>
            <Form.Item name="note" label={t('actionForm.note')} rules={[{ max: 1000 }]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
            </Form.Item>
          </>
        )}
        {action === 'request_extension' && (
          <Form.Item name="days" label={t('actionForm.days')} rules={[{ required: true }]}>
            <InputNumber min={1} max={60} precision={0} style={{ width: 160 }} />
          </Form.Item>
        )}
        {REASON_ACTIONS.includes(action) && (
          <Form.Item name="reason" label={t('actionForm.reason')} rules={[{ required: true, whitespace: true, max: 1000 }]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={1000} />
          </Form.Item>
        )}
        {action === 'answer' && (
          <Form.Item name="answer" label={t('actionForm.answer')} rules={[{ required: true, whitespace: true, max: 5000 }]}>
            <Input.TextArea autoSize={{ minRows: 5, maxRows: 12 }} maxLength={5000} showCount />
          </Form.Item>
        )}
        {action === 'rate' && (
          <>
            <Form.Item
              name="rating"
              label={t('actionForm.ratingChoice')}
              rules={[{ required: true, message: t('actionForm.ratingChoice') }]}
            >
              <RatingChoice />
            </Form.Item>
            {rating === 'dissatisfied' && (
              <Alert type="warning" showIcon title={t('rating.dissatisfiedHint')} style={{ marginBottom: 16 }} />
            )}
            <Form.Item name="comment" label={t('actionForm.ratingComment')} rules={[{ max: 1000 }]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
            </Form.Item>
          </>
        )}
        {action === 'follow_up' && (
          <>
            <Typography.Paragraph type="secondary">{t('actionForm.followUpHint')}</Typography.Paragraph>
            <Form.Item
              name="rating"
              label={t('actionForm.followUpResult')}
              rules={[{ required: true, message: t('actionForm.followUpResult') }]}
            >
              <RatingChoice />
            </Form.Item>
            {rating === 'dissatisfied' && (
              <Alert type="warning" showIcon title={t('actionForm.followUpDissatisfiedHint')} style={{ marginBottom: 16 }} />
            )}
            <Form.Item name="note" label={t('actionForm.followUpNote')} rules={[{ required: true, whitespace: true, max: 1000 }]}>
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={1000} data-testid="follow-up-note" />
            </Form.Item>
          </>
        )}
        {action === 'opinion' && (
          <Form.Item
            name="opinion"
            label={t('actionForm.opinion')}
            extra={t('actionForm.opinionHint')}
            rules={[{ required: true, whitespace: true, max: 2000 }]}
          >
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 10 }} maxLength={2000} showCount data-testid="opinion-text" />
          </Form.Item>
        )}
        {failure && <Alert type="error" showIcon title={failure} />}
      </Form>
    </Modal>
  );
}
