import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Input, Row, Select } from 'antd';
import { useFieldArray, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { CustomerFormValues } from '../../../../../shared/customers';
import { newId } from '../../../../../shared/ids';
import { ADDRESS_KINDS } from '../../../../../shared/schema';
import { Field } from './Field';

export function AddressesFields({ control }: { control: Control<CustomerFormValues> }) {
  const { t } = useTranslation('customers');
  const { fields, append, remove } = useFieldArray({ control, name: 'addresses', keyName: 'key' });
  return (
    <div>
      {fields.map((field, index) => (
        <Card
          key={field.key}
          size="small"
          style={{ marginBottom: 12 }}
          extra={<Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(index)} aria-label={t('form.removeAddress')} />}
        >
          <Row gutter={12}>
            <Col xs={24} md={6}>
              <Field control={control} name={`addresses.${index}.kind`} label={t('form.addressKind')} required>
                {(f) => (
                  <Select value={f.value} onChange={f.onChange} options={ADDRESS_KINDS.map((k) => ({ value: k, label: t(`addressKind.${k}`) }))} />
                )}
              </Field>
            </Col>
            <Col xs={24} md={6}>
              <Field control={control} name={`addresses.${index}.province`} label={t('form.province')}>
                {(f) => <Input {...f} maxLength={50} />}
              </Field>
            </Col>
            <Col xs={24} md={6}>
              <Field control={control} name={`addresses.${index}.city`} label={t('form.city')}>
                {(f) => <Input {...f} maxLength={50} />}
              </Field>
            </Col>
            <Col xs={24} md={6}>
              <Field control={control} name={`addresses.${index}.district`} label={t('form.district')}>
                {(f) => <Input {...f} maxLength={50} />}
              </Field>
            </Col>
            <Col xs={24} md={18}>
              <Field control={control} name={`addresses.${index}.detail`} label={t('form.detail')} required testId={`address-${index}-detail`}>
                {(f) => <Input {...f} maxLength={300} />}
              </Field>
            </Col>
            <Col xs={24} md={6}>
              <Field control={control} name={`addresses.${index}.postalCode`} label={t('form.postalCode')} testId={`address-${index}-postal`}>
                {(f) => <Input {...f} maxLength={6} inputMode="numeric" />}
              </Field>
            </Col>
          </Row>
        </Card>
      ))}
      <Button
        icon={<PlusOutlined />}
        onClick={() => append({ id: newId(), kind: fields.length === 0 ? 'office' : 'other', province: '', city: '', district: '', detail: '', postalCode: '' })}
      >
        {t('form.addAddress')}
      </Button>
    </div>
  );
}
