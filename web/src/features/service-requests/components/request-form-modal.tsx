import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Select, Typography } from 'antd';
import type { CreateRequestBody, RequestDetailView } from '@tiantai/shared';
import { FormRow } from '@/components/form-row';
import { useCurrentUser } from '@/lib/authorization';
import { describeError } from '@/lib/error-message';
import { formatNumber } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { useCreateRequest } from '../api/create-request';
import { useCategories } from '../api/get-categories';
import { categoryName } from './category-name';

type RequestFormValues = CreateRequestBody;

/** An enterprise files a request: what it is about, in its own words, and whom the office should call. */
export function RequestFormModal({ onClose, onCreated }: { onClose: () => void; onCreated: (created: RequestDetailView) => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const categories = useCategories();
  const createRequest = useCreateRequest();
  const [form] = Form.useForm<RequestFormValues>();
  const categoryCode = Form.useWatch('categoryCode', form);
  const [failure, setFailure] = useState<string | null>(null);
  const chosen = categories.data?.find((c) => c.code === categoryCode);

  const onFinish = async (values: RequestFormValues) => {
    setFailure(null);
    try {
      const created = await createRequest.mutateAsync({
        categoryCode: values.categoryCode,
        title: values.title.trim(),
        description: values.description.trim(),
        contactName: values.contactName.trim(),
        contactPhone: values.contactPhone.trim(),
      });
      void message.success(t('request.created', { number: created.number }));
      onCreated(created);
    } catch (error) {
      setFailure(describeError(error, t));
    }
  };

  return (
    <Modal
      open
      title={t('request.new')}
      onCancel={onClose}
      destroyOnHidden
      width={640}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('action.cancel')}
        </Button>,
        <Button key="submit" type="primary" loading={createRequest.isPending} onClick={() => form.submit()} data-testid="request-submit">
          {t('requests.new')}
        </Button>,
      ]}
    >
      <Form<RequestFormValues>
        form={form}
        name="request"
        layout="vertical"
        initialValues={{ contactName: user.displayName, contactPhone: user.phone ?? '' }}
        onFinish={onFinish}
      >
        <Form.Item
          name="categoryCode"
          label={t('request.category')}
          rules={[{ required: true, message: t('request.categoryPlaceholder') }]}
          extra={
            chosen && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('request.slaHint', {
                  accept: formatNumber(chosen.acceptHours, locale),
                  sign: formatNumber(chosen.signHours, locale),
                  answer: formatNumber(chosen.answerDays, locale),
                })}
              </Typography.Text>
            )
          }
        >
          <Select
            placeholder={t('request.categoryPlaceholder')}
            loading={categories.isPending}
            options={(categories.data ?? []).map((c) => ({ value: c.code, label: categoryName(c, locale) }))}
            data-testid="request-category"
          />
        </Form.Item>
        <Form.Item name="title" label={t('request.title')} rules={[{ required: true, whitespace: true, max: 200 }]}>
          <Input placeholder={t('request.titlePlaceholder')} maxLength={200} />
        </Form.Item>
        <Form.Item name="description" label={t('request.description')} rules={[{ required: true, whitespace: true, max: 5000 }]}>
          <Input.TextArea
            placeholder={t('request.descriptionPlaceholder')}
            autoSize={{ minRows: 4, maxRows: 10 }}
            maxLength={5000}
            showCount
          />
        </Form.Item>
        <FormRow>
          <Form.Item name="contactName" label={t('request.contactName')} rules={[{ required: true, whitespace: true, max: 50 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="contactPhone" label={t('request.contactPhone')} rules={[{ required: true, whitespace: true, max: 32 }]}>
            <Input />
          </Form.Item>
        </FormRow>
        {failure && <Alert type="error" showIcon title={failure} />}
      </Form>
    </Modal>
  );
}
