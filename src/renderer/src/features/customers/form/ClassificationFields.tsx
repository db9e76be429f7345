import { AutoComplete, Col, Input, InputNumber, Row, Select } from 'antd';
import type { Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { CustomerFormValues } from '../../../../../shared/customers';
import { ACTIVITY_LEVELS, LIFECYCLES, MEMBERSHIP_TIERS } from '../../../../../shared/schema';
import { Field } from './Field';

export interface Choices {
  industries: string[];
  regions: string[];
  tags: string[];
  sources: string[];
  owners: { value: string; label: string }[];
}

const complete = (values: string[]) => values.map((v) => ({ value: v }));

export function ClassificationFields({ control, choices }: { control: Control<CustomerFormValues>; choices: Choices }) {
  const { t } = useTranslation('customers');
  return (
    <Row gutter={16}>
      <Col xs={24} md={8}>
        <Field control={control} name="lifecycle" label={t('form.lifecycle')} required testId="form-lifecycle">
          {(f) => <Select value={f.value} onChange={f.onChange} options={LIFECYCLES.map((v) => ({ value: v, label: t(`lifecycle.${v}`) }))} />}
        </Field>
      </Col>
      <Col xs={24} md={8}>
        <Field control={control} name="activityLevel" label={t('form.activity')} required>
          {(f) => <Select value={f.value} onChange={f.onChange} options={ACTIVITY_LEVELS.map((v) => ({ value: v, label: t(`activity.${v}`) }))} />}
        </Field>
      </Col>
      <Col xs={24} md={8}>
        <Field control={control} name="ownerId" label={t('form.owner')} required testId="form-owner">
          {(f) => <Select value={f.value} onChange={f.onChange} options={choices.owners} showSearch optionFilterProp="label" />}
        </Field>
      </Col>
      <Col xs={24} md={8}>
        <Field control={control} name="industry" label={t('form.industry')} testId="form-industry">
          {(f) => <AutoComplete value={f.value} onChange={f.onChange} options={complete(choices.industries)} maxLength={64} />}
        </Field>
      </Col>
      <Col xs={24} md={8}>
        <Field control={control} name="region" label={t('form.region')} testId="form-region">
          {(f) => <AutoComplete value={f.value} onChange={f.onChange} options={complete(choices.regions)} maxLength={64} />}
        </Field>
      </Col>
      <Col xs={24} md={8}>
        <Field control={control} name="sourceChannel" label={t('form.sourceChannel')}>
          {(f) => <AutoComplete value={f.value} onChange={f.onChange} options={complete(choices.sources)} maxLength={64} />}
        </Field>
      </Col>
      <Col xs={24} md={12}>
        <Field control={control} name="tags" label={t('form.tags')} testId="form-tags">
          {(f) => <Select mode="tags" value={f.value} onChange={f.onChange} options={complete(choices.tags)} maxCount={30} />}
        </Field>
      </Col>
      <Col xs={24} md={6}>
        <Field control={control} name="membershipTier" label={t('form.tier')}>
          {(f) => <Select value={f.value} onChange={f.onChange} options={MEMBERSHIP_TIERS.map((v) => ({ value: v, label: t(`tier.${v}`) }))} />}
        </Field>
      </Col>
      <Col xs={24} md={6}>
        <Field control={control} name="points" label={t('form.points')}>
          {(f) => <InputNumber<number> value={f.value} onChange={(v) => f.onChange(v ?? 0)} min={0} precision={0} style={{ width: '100%' }} />}
        </Field>
      </Col>
    </Row>
  );
}

export function ArchiveFields({ control }: { control: Control<CustomerFormValues> }) {
  const { t } = useTranslation('customers');
  return (
    <Row gutter={16}>
      {(['cabinet', 'shelf', 'box'] as const).map((part) => (
        <Col xs={8} md={4} key={part}>
          <Field control={control} name={`location.${part}`} label={t(`form.${part}`)} testId={`form-${part}`}>
            {(f) => <Input {...f} maxLength={32} />}
          </Field>
        </Col>
      ))}
      <Col xs={24} md={12}>
        <Field control={control} name="note" label={t('form.note')}>
          {(f) => <Input.TextArea {...f} rows={2} maxLength={2000} />}
        </Field>
      </Col>
    </Row>
  );
}
