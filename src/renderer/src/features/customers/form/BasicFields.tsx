import { Col, Input, Radio, Row } from 'antd';
import type { Control } from 'react-hook-form';
import { useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { CustomerFormValues } from '../../../../../shared/customers';
import { Field } from './Field';

export function BasicFields({ control }: { control: Control<CustomerFormValues> }) {
  const { t } = useTranslation('customers');
  const type = useWatch({ control, name: 'type' });
  const enterprise = type === 'enterprise';
  return (
    <Row gutter={16}>
      <Col span={24}>
        <Field control={control} name="type" label={t('form.type')} required testId="form-type">
          {(f) => (
            <Radio.Group
              value={f.value}
              onChange={(e) => f.onChange(e.target.value)}
              optionType="button"
              options={(['enterprise', 'individual'] as const).map((v) => ({ value: v, label: t(`type.${v}`) }))}
            />
          )}
        </Field>
      </Col>
      <Col xs={24} md={12}>
        <Field control={control} name="name" label={t(enterprise ? 'form.nameEnterprise' : 'form.namePerson')} required testId="form-name">
          {(f) => <Input {...f} maxLength={100} />}
        </Field>
      </Col>
      {enterprise ? (
        <Col xs={24} md={12}>
          <Field control={control} name="creditCode" label={t('form.creditCode')} required testId="form-creditCode">
            {(f) => <Input {...f} maxLength={18} style={{ fontFamily: 'monospace', textTransform: 'uppercase' }} />}
          </Field>
        </Col>
      ) : (
        <>
          <Col xs={24} md={12}>
            <Field control={control} name="idNumber" label={t('form.idNumber')} testId="form-idNumber">
              {(f) => <Input {...f} maxLength={18} style={{ fontFamily: 'monospace' }} />}
            </Field>
          </Col>
          <Col xs={24} md={12}>
            <Field control={control} name="birthday" label={t('form.birthday')} testId="form-birthday">
              {(f) => <Input {...f} placeholder="YYYY-MM-DD" maxLength={10} />}
            </Field>
          </Col>
          <Col xs={24} md={12}>
            <Field control={control} name="companyName" label={t('form.companyName')} testId="form-companyName">
              {(f) => <Input {...f} maxLength={200} />}
            </Field>
          </Col>
        </>
      )}
    </Row>
  );
}
