import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Col, Input, Radio, Row } from 'antd';
import { useFieldArray, useFormState, type Control, type UseFormSetValue } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { emptyContact, type CustomerFormValues } from '../../../../../shared/customers';
import { newId } from '../../../../../shared/ids';
import { Field } from './Field';

interface Props {
  control: Control<CustomerFormValues>;
  setValue: UseFormSetValue<CustomerFormValues>;
  getContacts(): CustomerFormValues['contacts'];
}

/** Several contacts, exactly one primary (choosing one clears the others), any emergency ones. */
export function ContactsFields({ control, setValue, getContacts }: Props) {
  const { t } = useTranslation('customers');
  const { fields, append, remove } = useFieldArray({ control, name: 'contacts', keyName: 'key' });
  const { errors } = useFormState({ control, name: 'contacts' });
  const arrayError = errors.contacts?.root?.message ?? errors.contacts?.message;

  const makePrimary = (index: number) => {
    getContacts().forEach((_, i) => setValue(`contacts.${i}.isPrimary`, i === index, { shouldDirty: true, shouldValidate: true }));
  };

  return (
    <div>
      {arrayError && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={<span data-testid="form-contacts-error">{t(arrayError)}</span>} />}
      {fields.map((field, index) => (
        <Card
          key={field.key}
          size="small"
          style={{ marginBottom: 12 }}
          data-testid={`contact-${index}`}
          title={
            <Field control={control} name={`contacts.${index}.isPrimary`} label="" testId={`contact-${index}-primary`}>
              {(f) => (
                <Radio checked={Boolean(f.value)} onChange={() => makePrimary(index)} data-testid={`contact-${index}-primary`}>
                  {t('form.isPrimary')}
                </Radio>
              )}
            </Field>
          }
          extra={
            fields.length > 1 && (
              <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(index)} aria-label={t('form.removeContact')} />
            )
          }
        >
          <Row gutter={12}>
            <Col xs={24} md={8}>
              <Field control={control} name={`contacts.${index}.name`} label={t('form.contactName')} required testId={`contact-${index}-name`}>
                {(f) => <Input {...f} maxLength={100} />}
              </Field>
            </Col>
            <Col xs={24} md={8}>
              <Field control={control} name={`contacts.${index}.title`} label={t('form.contactTitle')} testId={`contact-${index}-title`}>
                {(f) => <Input {...f} maxLength={100} />}
              </Field>
            </Col>
            <Col xs={24} md={8}>
              <Field control={control} name={`contacts.${index}.relation`} label={t('form.relation')} testId={`contact-${index}-relation`}>
                {(f) => <Input {...f} maxLength={50} />}
              </Field>
            </Col>
            <Col xs={24} md={8}>
              <Field control={control} name={`contacts.${index}.mobile`} label={t('form.mobile')} testId={`contact-${index}-mobile`}>
                {(f) => <Input {...f} maxLength={32} inputMode="tel" />}
              </Field>
            </Col>
            <Col xs={24} md={8}>
              <Field control={control} name={`contacts.${index}.phone`} label={t('form.phone')} testId={`contact-${index}-phone`}>
                {(f) => <Input {...f} maxLength={32} inputMode="tel" />}
              </Field>
            </Col>
            <Col xs={24} md={8}>
              <Field control={control} name={`contacts.${index}.email`} label={t('form.email')} testId={`contact-${index}-email`}>
                {(f) => <Input {...f} maxLength={200} inputMode="email" />}
              </Field>
            </Col>
            <Col span={24}>
              <Field control={control} name={`contacts.${index}.isEmergency`} label="" testId={`contact-${index}-emergency`}>
                {(f) => (
                  <Checkbox checked={Boolean(f.value)} onChange={(e) => f.onChange(e.target.checked)} data-testid={`contact-${index}-emergency`}>
                    {t('form.isEmergency')}
                  </Checkbox>
                )}
              </Field>
            </Col>
          </Row>
        </Card>
      ))}
      <Button icon={<PlusOutlined />} data-testid="contact-add" onClick={() => append(emptyContact(newId(), fields.length === 0))}>
        {t('form.addContact')}
      </Button>
    </div>
  );
}
