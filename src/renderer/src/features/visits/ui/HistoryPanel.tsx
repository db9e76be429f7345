import { Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { VisitDoc } from '../../../../../shared/schema';
import { formatDate } from '../../../i18n/format';
import { useUserName } from '../names';

interface Entry {
  key: string;
  at: number;
  color: string;
  node: React.ReactNode;
}

/** Purposes are stored as keys in amendments; show them in the UI's language. */
function useFieldValue() {
  const { t } = useTranslation('visits');
  return (field: string, value: string) =>
    field === 'purposes' && value
      ? value
          .split(',')
          .map((p) => t(`purposes.${p}`))
          .join('、')
      : value;
}

/** Submission, every review round and every amendment, oldest first. */
export function HistoryPanel({ visit }: { visit: VisitDoc }) {
  const { t, i18n } = useTranslation('visits');
  const name = useUserName();
  const valueText = useFieldValue();
  const fieldLabel = (field: string) =>
    i18n.exists(`visits:history.fieldNames.${field}`)
      ? t(`history.fieldNames.${field}`)
      : t(`fields.${field}`);

  const entries: Entry[] = [];
  const reviews = visit.reviews ?? (visit.review ? [visit.review] : []);
  reviews.forEach((r, i) =>
    entries.push({
      key: `r${i}`,
      at: r.at,
      color: r.decision === 'accepted' ? 'green' : 'red',
      node: (
        <>
          <Typography.Text strong>
            {t(
              r.decision === 'accepted' ? 'history.reviewedAccepted' : 'history.reviewedReturned',
              { who: name(r.by) },
            )}
          </Typography.Text>
          {r.comment && <div>{r.comment}</div>}
        </>
      ),
    }),
  );
  for (const a of visit.amendments) {
    entries.push({
      key: a.id,
      at: a.at,
      color: 'blue',
      node: (
        <div data-testid="amendment">
          <Typography.Text strong>
            {t('history.amended', { who: name(a.by), field: fieldLabel(a.field) })}
          </Typography.Text>
          <div>
            <Typography.Text type="secondary">{t('history.before')}：</Typography.Text>
            <Typography.Text delete>{valueText(a.field, a.before) || '—'}</Typography.Text>
          </div>
          <div>
            <Typography.Text type="secondary">{t('history.after')}：</Typography.Text>
            {valueText(a.field, a.after) || '—'}
          </div>
          <div>
            <Typography.Text type="secondary">{t('history.reasonLabel')}：</Typography.Text>
            {a.reason}
          </div>
        </div>
      ),
    });
  }
  entries.sort((a, b) => a.at - b.at);
  if (!entries.length && !visit.submittedAt)
    return <Typography.Text type="secondary">{t('history.empty')}</Typography.Text>;
  return (
    <div data-testid="visit-history">
      {visit.submittedAt && (
        <Typography.Paragraph type="secondary">
          {t('history.submittedAt', { time: formatDate(visit.submittedAt, true) })}
        </Typography.Paragraph>
      )}
      <Timeline
        items={entries.map((e) => ({
          key: e.key,
          color: e.color,
          children: (
            <>
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                {formatDate(e.at, true)}
              </Typography.Text>
              {e.node}
            </>
          ),
        }))}
      />
    </div>
  );
}
