import { DatePicker, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStaff } from '../customers/hooks';
import { PrintCatalogButton } from './PrintButtons';

/** 退档目录: pick a year, preview and print the catalog of the archives retired in it. */
export function CatalogPrintPanel() {
  const { t } = useTranslation('print');
  const staff = useStaff();
  const names = useMemo(() => Object.fromEntries(staff.names), [staff]);
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="catalog-panel">
      <Typography.Text type="secondary">{t('catalogPanel.hint')}</Typography.Text>
      <Space wrap>
        <Typography.Text>{t('catalogPanel.year')}</Typography.Text>
        <DatePicker
          picker="year"
          allowClear={false}
          value={dayjs(new Date(year, 0, 1))}
          disabledDate={(d) => d.year() > thisYear}
          onChange={(d) => d && setYear(d.year())}
          data-testid="catalog-year"
        />
        <PrintCatalogButton year={year} names={names} />
      </Space>
    </Space>
  );
}
