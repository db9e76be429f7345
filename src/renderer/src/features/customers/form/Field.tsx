import { Form } from 'antd';
import type { ReactElement } from 'react';
import { Controller, type Control, type ControllerRenderProps, type FieldPath } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { CustomerFormValues } from '../../../../../shared/customers';

type Name = FieldPath<CustomerFormValues>;

interface Props<N extends Name> {
  control: Control<CustomerFormValues>;
  name: N;
  label: string;
  required?: boolean;
  testId?: string;
  extra?: string;
  children(field: ControllerRenderProps<CustomerFormValues, N> & { 'data-testid'?: string; status?: 'error' }): ReactElement;
}

/** One form field: the control, its label, and its error in the UI language. */
export function Field<N extends Name>({ control, name, label, required, testId, extra, children }: Props<N>) {
  const { t } = useTranslation('customers');
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <Form.Item
          label={label}
          required={required ?? false}
          extra={extra}
          validateStatus={fieldState.error ? 'error' : ''}
          help={fieldState.error?.message ? <span data-testid={testId ? `${testId}-error` : undefined}>{t(fieldState.error.message)}</span> : undefined}
          style={{ marginBottom: 12 }}
        >
          {children({ ...field, ...(testId ? { 'data-testid': testId } : {}), ...(fieldState.error ? { status: 'error' as const } : {}) })}
        </Form.Item>
      )}
    />
  );
}
