import { Alert, AutoComplete, Checkbox, Col, DatePicker, Form, Input, Row, Select } from 'antd';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { VISIT_PURPOSES } from '../../../../../shared/schema';
import type { FieldProblem, ReportFields } from '../../../../../shared/visits';
import { useCustomers } from '../hooks';
import { CustomerPicker } from './CustomerPicker';
import { NextStepsEditor } from './NextStepsEditor';

interface Props {
  initial: ReportFields;
  /** The fields came back from the journal: hand them up at once so they get written. */
  restored: boolean;
  disabled: boolean;
  /** Problems from the last submission attempt, shown at their fields. */
  problems: readonly FieldProblem[];
  onChange: (fields: ReportFields) => void;
}

const TEXTS = ['outcomes', 'feedback', 'suggestions', 'marketNotes'] as const;

/**
 * The report's fields. Every change is handed up at once (the parent journals and autosaves
 * it); nothing here waits for a save button.
 */
export function ReportForm({ initial, restored, disabled, problems, onChange }: Props) {
  const { t } = useTranslation('visits');
  const { control, watch, getValues } = useForm<ReportFields>({ defaultValues: initial });
  const customerId = watch('customerId');
  const customer = useCustomers(customerId ? [customerId] : []).get(customerId);

  useEffect(() => {
    const sub = watch(() => onChange(getValues()));
    return () => sub.unsubscribe();
  }, [watch, getValues, onChange]);

  useEffect(() => {
    if (restored) onChange(getValues());
    // Once, for the fields this form was built from.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const errorOf = (path: string): string | undefined => {
    const found = problems.find((p) => p.path === path);
    return found ? t(found.message) : undefined;
  };
  const status = (path: string) => (errorOf(path) ? ('error' as const) : undefined);

  return (
    <Form layout="vertical" disabled={disabled} data-testid="report-form">
      {restored && (
        <Alert
          type="info"
          showIcon
          message={t('restored')}
          style={{ marginBottom: 12 }}
          data-testid="report-restored"
        />
      )}
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            label={t('fields.customer')}
            required
            validateStatus={status('customerId')}
            help={errorOf('customerId')}
          >
            <Controller
              name="customerId"
              control={control}
              render={({ field }) => (
                <CustomerPicker
                  value={field.value}
                  onChange={field.onChange}
                  disabled={disabled}
                  testId="report-customer"
                />
              )}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            label={t('fields.contactName')}
            help={errorOf('contactName')}
            validateStatus={status('contactName')}
          >
            <Controller
              name="contactName"
              control={control}
              render={({ field }) => (
                <AutoComplete
                  value={field.value ?? ''}
                  onChange={(v: string) => field.onChange(v)}
                  options={(customer?.contacts ?? []).map((c) => ({
                    value: c.name,
                    label: c.title ? `${c.name}（${c.title}）` : c.name,
                  }))}
                  data-testid="report-contact"
                  maxLength={100}
                />
              )}
            />
          </Form.Item>
        </Col>
        <Col xs={24} lg={8}>
          <Form.Item
            label={t('fields.visitors')}
            required
            extra={t('fields.visitorsHelp')}
            validateStatus={status('visitors')}
            help={errorOf('visitors')}
          >
            <Controller
              name="visitors"
              control={control}
              render={({ field }) => (
                <Select
                  mode="tags"
                  value={field.value}
                  onChange={(v: string[]) =>
                    field.onChange(v.map((s) => s.slice(0, 40)).slice(0, 10))
                  }
                  open={false}
                  suffixIcon={null}
                  data-testid="report-visitors"
                  tokenSeparators={[',', '，', '、']}
                />
              )}
            />
          </Form.Item>
        </Col>
        <Col xs={12} lg={8}>
          <Form.Item
            label={t('fields.startAt')}
            required
            validateStatus={status('startAt')}
            help={errorOf('startAt')}
          >
            <Controller
              name="startAt"
              control={control}
              render={({ field }) => (
                <DatePicker
                  showTime={{ format: 'HH:mm' }}
                  format="YYYY-MM-DD HH:mm"
                  value={field.value ? dayjs(field.value) : null}
                  onChange={(d) => field.onChange(d ? d.startOf('minute').valueOf() : undefined)}
                  style={{ width: '100%' }}
                  data-testid="report-start"
                />
              )}
            />
          </Form.Item>
        </Col>
        <Col xs={12} lg={8}>
          <Form.Item
            label={t('fields.endAt')}
            required
            validateStatus={status('endAt')}
            help={errorOf('endAt')}
          >
            <Controller
              name="endAt"
              control={control}
              render={({ field }) => (
                <DatePicker
                  showTime={{ format: 'HH:mm' }}
                  format="YYYY-MM-DD HH:mm"
                  value={field.value ? dayjs(field.value) : null}
                  onChange={(d) => field.onChange(d ? d.startOf('minute').valueOf() : undefined)}
                  style={{ width: '100%' }}
                  data-testid="report-end"
                />
              )}
            />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item
            label={t('fields.place')}
            validateStatus={status('place')}
            help={errorOf('place')}
          >
            <Controller
              name="place"
              control={control}
              render={({ field }) => (
                <Input
                  value={field.value ?? ''}
                  onChange={field.onChange}
                  maxLength={300}
                  data-testid="report-place"
                />
              )}
            />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item
            label={t('fields.purposes')}
            required
            validateStatus={status('purposes')}
            help={errorOf('purposes')}
          >
            <Controller
              name="purposes"
              control={control}
              render={({ field }) => (
                <Checkbox.Group
                  value={field.value}
                  onChange={field.onChange}
                  data-testid="report-purposes"
                  options={VISIT_PURPOSES.map((p) => ({ value: p, label: t(`purposes.${p}`) }))}
                />
              )}
            />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item
            label={t('fields.purposeNote')}
            validateStatus={status('purposeNote')}
            help={errorOf('purposeNote')}
          >
            <Controller
              name="purposeNote"
              control={control}
              render={({ field }) => (
                <Input
                  value={field.value ?? ''}
                  onChange={field.onChange}
                  maxLength={500}
                  data-testid="report-purposeNote"
                />
              )}
            />
          </Form.Item>
        </Col>
        {TEXTS.map((name) => (
          <Col xs={24} md={12} key={name}>
            <Form.Item
              label={t(`fields.${name}`)}
              required={name !== 'marketNotes'}
              validateStatus={status(name)}
              help={errorOf(name)}
            >
              <Controller
                name={name}
                control={control}
                render={({ field }) => (
                  <Input.TextArea
                    value={field.value ?? ''}
                    onChange={field.onChange}
                    autoSize={{ minRows: 3, maxRows: 12 }}
                    maxLength={20_000}
                    data-testid={`report-${name}`}
                  />
                )}
              />
            </Form.Item>
          </Col>
        ))}
        <Col span={24}>
          <Form.Item label={t('fields.nextSteps')}>
            <Controller
              name="nextSteps"
              control={control}
              render={({ field }) => (
                <NextStepsEditor
                  value={field.value}
                  onChange={field.onChange}
                  disabled={disabled}
                  errorOf={errorOf}
                />
              )}
            />
          </Form.Item>
        </Col>
      </Row>
    </Form>
  );
}
