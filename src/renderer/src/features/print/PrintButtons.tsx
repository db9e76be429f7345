import { PrinterOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDatabase } from '../../db/provider';
import { catalogPrintData, customerSheetPrintData, labelPrintData } from './print-data';
import { usePrintJob } from './usePrintJob';

/** 客户档案表 for one customer. */
export function PrintCustomerSheetButton({
  customerId,
  title,
  names = {},
}: {
  customerId: string;
  title: string;
  names?: Record<string, string>;
}) {
  const { t } = useTranslation('print');
  const db = useDatabase();
  const job = usePrintJob();
  return (
    <>
      <Button
        icon={<PrinterOutlined />}
        loading={job.busy}
        data-testid="print-customer-sheet"
        onClick={() =>
          void job.run('customer-sheet', `${t('forms.customerSheet')}-${title}`, () =>
            customerSheetPrintData(db, customerId, names),
          )
        }
      >
        {t('forms.customerSheet')}
      </Button>
      {job.modal}
    </>
  );
}

/** 档案标签 for some customers: a sheet of labels or spine strips. */
export function PrintLabelsButton({ customerIds }: { customerIds: string[] }) {
  const { t } = useTranslation('print');
  const db = useDatabase();
  const job = usePrintJob();
  const run = (variant: 'sheet' | 'spine') =>
    void job.run('archive-label', t('forms.labels'), () =>
      labelPrintData(db, customerIds, variant),
    );
  return (
    <>
      <Dropdown
        disabled={customerIds.length === 0}
        menu={{
          items: [
            { key: 'sheet', label: t('labelSheet') },
            { key: 'spine', label: t('labelSpine') },
          ],
          onClick: ({ key }) => run(key === 'spine' ? 'spine' : 'sheet'),
        }}
      >
        <Button icon={<PrinterOutlined />} loading={job.busy} data-testid="print-labels">
          {t('forms.labels')}
        </Button>
      </Dropdown>
      {job.modal}
    </>
  );
}

/** 退档目录 of the retired archives of a year. */
export function PrintCatalogButton({
  year,
  names = {},
}: {
  year: number;
  names?: Record<string, string>;
}) {
  const { t } = useTranslation('print');
  const db = useDatabase();
  const job = usePrintJob();
  return (
    <>
      <Button
        icon={<PrinterOutlined />}
        loading={job.busy}
        data-testid="print-catalog"
        onClick={() =>
          void job.run('archive-catalog', `${t('forms.catalog')}-${year}`, () =>
            catalogPrintData(db, year, names),
          )
        }
      >
        {t('forms.catalog')} {year}
      </Button>
      {job.modal}
    </>
  );
}
