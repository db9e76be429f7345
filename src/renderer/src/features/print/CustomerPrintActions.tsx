import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CustomerDoc } from '../../../../shared/schema';
import { PrintCustomerSheetButton, PrintLabelsButton } from './PrintButtons';

/** The print actions of one customer's archive: its archive sheet and its folder labels. */
export function CustomerPrintActions({
  customer,
  names,
}: {
  customer: Pick<CustomerDoc, 'id' | 'name'>;
  names: Record<string, string>;
}) {
  const { t } = useTranslation('print');
  return (
    <Space wrap align="center" data-testid="customer-print-actions">
      <PrintCustomerSheetButton customerId={customer.id} title={customer.name} names={names} />
      <PrintLabelsButton customerIds={[customer.id]} />
      <Typography.Text type="secondary">{t('archiveActionsHint')}</Typography.Text>
    </Space>
  );
}
