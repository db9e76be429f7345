import { PrinterOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { VisitDoc } from '../../../../../shared/schema';
import { toLocalDate } from '../../../../../shared/visits';
import { useDatabase } from '../../../db/provider';
import { useNameMap } from '../names';
import { usePrintJob } from '../../print';
import { visitMonthPrintData, visitReportPrintData } from './print-data';

/** Who the printed forms name: the staff directory and the signed-in user, by id. */
function usePrintNames(): Record<string, string> {
  const names = useNameMap();
  // Only ids fit the print contract's keys; longer keys (none today) would be refused there.
  return Object.fromEntries(
    Object.entries(names).flatMap(([id, name]) =>
      id.length <= 40 ? [[id, name.slice(0, 100)]] : [],
    ),
  );
}

export function PrintVisitButton({ visit }: { visit: VisitDoc }) {
  const { t } = useTranslation('visits');
  const db = useDatabase();
  const names = usePrintNames();
  const job = usePrintJob();
  const name = `走访报告-${toLocalDate(visit.startAt ?? visit.at)}`;
  return (
    <>
      <Button
        icon={<PrinterOutlined />}
        loading={job.busy}
        onClick={() =>
          void job.run('visit-report', name, () => visitReportPrintData(db, visit, names))
        }
        data-testid="visit-print"
      >
        {t('actions.print')}
      </Button>
      {job.modal}
    </>
  );
}

export function PrintMonthButton({
  ownerId,
  year,
  month,
}: {
  ownerId: string;
  year: number;
  month: number;
}) {
  const { t } = useTranslation('visits');
  const db = useDatabase();
  const names = usePrintNames();
  const job = usePrintJob();
  return (
    <>
      <Button
        icon={<PrinterOutlined />}
        loading={job.busy}
        onClick={() =>
          void job.run('visit-month', `走访报告-${year}-${month}`, () =>
            visitMonthPrintData(db, ownerId, year, month, names),
          )
        }
        data-testid="visits-print-month"
      >
        {t('actions.printMonth')}
      </Button>
      {job.modal}
    </>
  );
}

export function PrintBlankButton({
  customer,
  ownerId,
}: {
  customer?: { id: string; code: string; name: string };
  ownerId?: string;
}) {
  const { t } = useTranslation('visits');
  const names = usePrintNames();
  const job = usePrintJob();
  return (
    <>
      <Button
        icon={<PrinterOutlined />}
        loading={job.busy}
        onClick={() =>
          void job.run('visit-report-blank', '走访报告-空白', () =>
            Promise.resolve({ model: 'visit-report-blank', customer, ownerId, names }),
          )
        }
        data-testid="visits-print-blank"
      >
        {t('actions.printBlank')}
      </Button>
      {job.modal}
    </>
  );
}
