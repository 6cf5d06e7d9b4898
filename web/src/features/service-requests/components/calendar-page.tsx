import { Alert, App, Button, Card, DatePicker, Form, Input, Popconfirm, Select, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { describeError } from '@/lib/error-message';
import { useI18n } from '@/lib/i18n';
import { useDeleteCalendarDay } from '../api/delete-calendar-day';
import { useCalendarOverrides } from '../api/get-calendar-overrides';
import type { CalendarDayKind, CalendarOverride } from '../api/get-calendar-overrides';
import { useSetCalendarDay } from '../api/set-calendar-day';

interface DayFormValues {
  date: Dayjs;
  kind: CalendarDayKind;
  name: string;
}

const KINDS: readonly CalendarDayKind[] = ['holiday', 'workday'];

/** The county admin's corrections to the shipped holiday calendar, which every SLA clock reads. */
export function CalendarPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const overrides = useCalendarOverrides();
  const setDay = useSetCalendarDay();
  const deleteDay = useDeleteCalendarDay();
  const [form] = Form.useForm<DayFormValues>();

  const onFinish = async (values: DayFormValues) => {
    const date = values.date.format('YYYY-MM-DD');
    try {
      await setDay.mutateAsync({ date, kind: values.kind, name: values.name.trim() });
      void message.success(t('calendar.added', { date }));
      form.resetFields();
    } catch (error) {
      void message.error(describeError(error, t));
    }
  };

  const remove = async (date: string) => {
    try {
      await deleteDay.mutateAsync(date);
      void message.success(t('calendar.deleted'));
    } catch (error) {
      void message.error(describeError(error, t));
    }
  };

  const columns: TableColumnsType<CalendarOverride> = [
    {
      title: t('calendar.date'),
      dataIndex: 'date',
      width: 140,
      className: 'tt-mono',
      sorter: (a, b) => a.date.localeCompare(b.date),
      defaultSortOrder: 'ascend',
    },
    { title: t('calendar.weekday'), key: 'weekday', width: 100, render: (_, day) => dayjs(day.date).format('dddd') },
    {
      title: t('calendar.kind'),
      dataIndex: 'kind',
      width: 130,
      render: (kind: CalendarDayKind) => <Tag color={kind === 'holiday' ? 'red' : 'blue'}>{t(`calendar.kind.${kind}`)}</Tag>,
    },
    { title: t('calendar.name'), dataIndex: 'name' },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_, day) => (
        <Popconfirm
          title={t('calendar.deleteConfirm', { date: day.date })}
          okText={t('calendar.delete')}
          cancelText={t('action.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={() => remove(day.date)}
        >
          <Button type="link" danger size="small" icon={<DeleteOutlined />} data-testid={`calendar-delete-${day.date}`}>
            {t('calendar.delete')}
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('calendar.title')} subtitle={t('calendar.subtitle')} />
      <Alert type="info" showIcon title={t('calendar.builtIn')} style={{ marginBottom: 16 }} />
      <Card style={{ marginBottom: 16 }}>
        <Form<DayFormValues>
          form={form}
          name="calendar-day"
          layout="inline"
          initialValues={{ kind: 'holiday' }}
          onFinish={onFinish}
          className="tt-inline-form"
        >
          <Form.Item name="date" label={t('calendar.date')} rules={[{ required: true }]}>
            <DatePicker data-testid="calendar-date" />
          </Form.Item>
          <Form.Item name="kind" label={t('calendar.kind')} rules={[{ required: true }]}>
            <Select options={KINDS.map((k) => ({ value: k, label: t(`calendar.kind.${k}`) }))} style={{ width: 130 }} />
          </Form.Item>
          <Form.Item name="name" label={t('calendar.name')} rules={[{ required: true, whitespace: true, max: 50 }]}>
            <Input placeholder={t('calendar.namePlaceholder')} maxLength={50} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={setDay.isPending} data-testid="calendar-add">
              {t('calendar.add')}
            </Button>
          </Form.Item>
        </Form>
      </Card>
      {overrides.isError ? (
        <QueryError error={overrides.error} onRetry={() => void overrides.refetch()} />
      ) : (
        <Card>
          <Table<CalendarOverride>
            rowKey="date"
            columns={columns}
            dataSource={overrides.data ?? []}
            loading={overrides.isPending}
            size="middle"
            pagination={{ defaultPageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('calendar.total', { count: total }) }}
            locale={{ emptyText: t('calendar.empty') }}
          />
        </Card>
      )}
    </>
  );
}
