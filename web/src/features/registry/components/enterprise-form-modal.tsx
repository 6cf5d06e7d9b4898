import { useMemo, useState } from 'react';
import { Alert, App, AutoComplete, Button, Form, Input, Modal, Select, Switch, Typography } from 'antd';
import { CheckCircleFilled } from '@ant-design/icons';
import { ENTERPRISE_IDENTITY_FIELDS, INDUSTRY_CODE_PATTERN, checkCreditCode, industryDivisionOf } from '@tiantai/shared';
import type { EnterpriseBody, EnterpriseSaved, EnterpriseView } from '@tiantai/shared';
import { FormRow } from '@/components/form-row';
import { useCan } from '@/lib/authorization';
import { describeError } from '@/lib/error-message';
import { useI18n } from '@/lib/i18n';
import { useCreateEnterprise } from '../api/create-enterprise';
import { useParks } from '../api/get-parks';
import { useUpdateEnterprise } from '../api/update-enterprise';
import { creditCodeRules } from './credit-code-rules';
import { describeWarning } from './describe-warning';
import { industryOptions } from './industry';

interface EnterpriseFormValues {
  name: string;
  creditCode?: string;
  industryCode?: string;
  aboveScale: boolean;
  parkId?: string | null;
  township?: string;
  address?: string;
  contactName?: string;
  contactPhone?: string;
  contactEmail?: string;
}

const emptyToNull = (value: string | null | undefined) => value?.trim() || null;

function toBody(values: EnterpriseFormValues): EnterpriseBody {
  return {
    name: values.name.trim(),
    creditCode: emptyToNull(values.creditCode)?.toUpperCase() ?? null,
    industryCode: emptyToNull(values.industryCode)?.toUpperCase() ?? null,
    aboveScale: values.aboveScale,
    parkId: values.parkId ?? null,
    township: emptyToNull(values.township),
    address: emptyToNull(values.address),
    contactName: emptyToNull(values.contactName),
    contactPhone: emptyToNull(values.contactPhone),
    contactEmail: emptyToNull(values.contactEmail),
  };
}

function toValues(enterprise: EnterpriseView | null): EnterpriseFormValues {
  if (!enterprise) return { name: '', aboveScale: false, parkId: null };
  return {
    name: enterprise.name,
    creditCode: enterprise.creditCode ?? '',
    industryCode: enterprise.industryCode ?? '',
    aboveScale: enterprise.aboveScale,
    parkId: enterprise.parkId,
    township: enterprise.township ?? '',
    address: enterprise.address ?? '',
    contactName: enterprise.contactName ?? '',
    contactPhone: enterprise.contactPhone ?? '',
    contactEmail: enterprise.contactEmail ?? '',
  };
}

function changedFields(before: EnterpriseBody, after: EnterpriseBody): Partial<EnterpriseBody> {
  const patch: Partial<EnterpriseBody> = {};
  for (const key of Object.keys(after) as (keyof EnterpriseBody)[]) {
    if (after[key] !== before[key]) Object.assign(patch, { [key]: after[key] });
  }
  return patch;
}

export function EnterpriseFormModal({
  enterprise,
  onClose,
  onSaved,
}: {
  enterprise: EnterpriseView | null;
  onClose: () => void;
  onSaved?: (saved: EnterpriseSaved) => void;
}) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<EnterpriseFormValues>();
  const createEnterprise = useCreateEnterprise();
  const updateEnterprise = useUpdateEnterprise();
  const parks = useParks();
  const [failure, setFailure] = useState<string | null>(null);
  // Name, credit code, industry, size, park and township are the county's record; an enterprise admin sees them
  // read-only (the server refuses them from an enterprise with 403).
  const countyEdits = useCan('registry.write');
  const identityLocked = enterprise !== null && !countyEdits;
  const saving = createEnterprise.isPending || updateEnterprise.isPending;

  const creditCode = Form.useWatch('creditCode', form) ?? '';
  const industryCode = Form.useWatch('industryCode', form) ?? '';
  const parkId = Form.useWatch('parkId', form);
  const creditCheck = creditCode ? checkCreditCode(creditCode) : null;
  const division = industryCode ? industryDivisionOf(industryCode.toUpperCase()) : undefined;

  const townOptions = useMemo(() => {
    const chosen = parks.data?.find((park) => park.id === parkId);
    const towns = new Set<string>(chosen?.towns ?? []);
    for (const park of parks.data ?? []) for (const town of park.towns) towns.add(town);
    return [...towns].map((town) => ({ value: town }));
  }, [parks.data, parkId]);

  const onFinish = async (values: EnterpriseFormValues) => {
    setFailure(null);
    const body = toBody(values);
    // PATCH sends only what changed, so an untouched odd credit code is not warned about on every edit.
    const changed = enterprise ? changedFields(toBody(toValues(enterprise)), body) : body;
    const sent: Partial<EnterpriseBody> = identityLocked
      ? Object.fromEntries(Object.entries(changed).filter(([key]) => !(ENTERPRISE_IDENTITY_FIELDS as readonly string[]).includes(key)))
      : changed;
    if (enterprise && Object.keys(sent).length === 0) {
      onClose();
      return;
    }
    const patch: Partial<EnterpriseBody> = sent;
    try {
      const saved = enterprise
        ? await updateEnterprise.mutateAsync({ id: enterprise.id, body: patch })
        : await createEnterprise.mutateAsync(body);
      void message.success(enterprise ? t('common.saved') : t('enterprises.created', { name: saved.enterprise.name }));
      for (const warning of saved.warnings) void message.warning(describeWarning(warning, t), 6);
      onSaved?.(saved);
      onClose();
    } catch (error) {
      setFailure(describeError(error, t));
    }
  };

  return (
    <Modal
      open
      title={enterprise ? t('enterprises.edit') : t('enterprises.new')}
      onCancel={onClose}
      destroyOnHidden
      width={720}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('action.cancel')}
        </Button>,
        <Button key="submit" type="primary" loading={saving} onClick={() => form.submit()} data-testid="enterprise-submit">
          {t('action.save')}
        </Button>,
      ]}
    >
      <Form<EnterpriseFormValues>
        form={form}
        name="enterprise"
        layout="vertical"
        initialValues={toValues(enterprise)}
        onFinish={onFinish}
        scrollToFirstError
      >
        {identityLocked && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('enterprises.identityByCounty')}
            data-testid="enterprise-identity-note"
          />
        )}
        <Form.Item name="name" label={t('enterprise.name')} rules={[{ required: true, whitespace: true, max: 200 }]}>
          <Input maxLength={200} disabled={identityLocked} />
        </Form.Item>
        <Form.Item
          name="creditCode"
          label={t('enterprise.creditCode')}
          normalize={(value: string | undefined) => value?.replace(/\s/g, '').toUpperCase()}
          rules={creditCodeRules(t)}
          validateFirst
          hasFeedback={creditCode.length > 0}
          extra={
            creditCheck?.status === 'valid' ? (
              <Typography.Text type="success" data-testid="credit-code-valid">
                <CheckCircleFilled /> {t('creditCode.valid')}
              </Typography.Text>
            ) : creditCode.length === 0 ? (
              t('creditCode.hint')
            ) : undefined
          }
        >
          {/* A constant (empty) suffix keeps the DOM stable when the feedback icon appears, so typing keeps focus. */}
          <Input
            maxLength={18}
            className="tt-mono"
            placeholder="91331023XXXXXXXXXX"
            autoComplete="off"
            suffix={<span />}
            disabled={identityLocked}
          />
        </Form.Item>
        <FormRow>
          <Form.Item
            name="industryCode"
            label={t('enterprise.industry')}
            normalize={(value: string | undefined) => value?.trim().toUpperCase()}
            rules={[{ pattern: INDUSTRY_CODE_PATTERN, message: t('industry.badFormat') }]}
            extra={
              division
                ? locale === 'zh-CN'
                  ? division.zh
                  : division.en
                : industryCode
                  ? t('industry.unknownDivision')
                  : t('industry.hint')
            }
          >
            <AutoComplete
              options={industryOptions(locale)}
              showSearch={{
                filterOption: (input, option) =>
                  String(option?.label ?? '')
                    .toUpperCase()
                    .includes(input.toUpperCase()),
              }}
              popupMatchSelectWidth={360}
              allowClear
              placeholder="C36 / C3670"
              disabled={identityLocked}
            />
          </Form.Item>
          <Form.Item name="aboveScale" label={t('enterprise.aboveScale')} valuePropName="checked" extra={t('enterprise.aboveScaleHint')}>
            <Switch
              checkedChildren={t('enterprise.aboveScaleYes')}
              unCheckedChildren={t('enterprise.aboveScaleNo')}
              disabled={identityLocked}
            />
          </Form.Item>
        </FormRow>
        <FormRow>
          <Form.Item name="parkId" label={t('enterprise.park')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              loading={parks.isPending}
              placeholder={t('enterprise.parkNone')}
              disabled={identityLocked}
              options={(parks.data ?? []).map((park) => ({ value: park.id, label: park.name }))}
            />
          </Form.Item>
          <Form.Item name="township" label={t('enterprise.township')} rules={[{ max: 50 }]}>
            <AutoComplete options={townOptions} showSearch={{ filterOption: true }} allowClear disabled={identityLocked} />
          </Form.Item>
        </FormRow>
        <Form.Item name="address" label={t('enterprise.address')} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
        <FormRow>
          <Form.Item name="contactName" label={t('enterprise.contactName')} rules={[{ max: 50 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="contactPhone" label={t('enterprise.contactPhone')} rules={[{ max: 32 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="contactEmail" label={t('enterprise.contactEmail')} rules={[{ type: 'email', max: 200 }]}>
            <Input />
          </Form.Item>
        </FormRow>
        {failure && <Alert type="error" showIcon title={failure} />}
      </Form>
    </Modal>
  );
}
