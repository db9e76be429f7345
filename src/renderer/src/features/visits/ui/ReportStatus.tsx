import { Alert, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { VisitDoc } from '../../../../../shared/schema';
import { formatDate } from '../../../i18n/format';
import type { SaveState } from '../useAutosave';
import type { EditMode } from '../useInitialFields';

/** Where the autosave stands: saving, saved (when), or failed (why, and that nothing is lost). */
export function SaveIndicator({ state, mode }: { state: SaveState; mode: EditMode }) {
  const { t } = useTranslation('visits');
  if (state.state === 'saving')
    return <Typography.Text type="secondary">{t('save.saving')}</Typography.Text>;
  if (state.state === 'error')
    return (
      <Typography.Text type="danger">{t('save.error', { message: state.message })}</Typography.Text>
    );
  if (state.state === 'saved') {
    const key = mode === 'correction' ? 'save.bufferSaved' : 'save.saved';
    return (
      <Typography.Text type="success" data-testid="save-state">
        {t(key, { time: formatDate(state.at, true) })}
      </Typography.Text>
    );
  }
  return null;
}

/** What the report's state means for whoever is looking at it. */
export function ReportBanner({ visit, mode }: { visit: VisitDoc; mode: EditMode }) {
  const { t } = useTranslation('visits');
  if (mode === 'correction')
    return (
      <Alert
        type="warning"
        showIcon
        message={t(visit.status === 'returned' ? 'banner.returned' : 'banner.correcting', {
          comment: visit.review?.comment ?? '',
        })}
        description={visit.status === 'returned' ? t('banner.correcting') : undefined}
      />
    );
  if (visit.status === 'submitted')
    return <Alert type="info" showIcon message={t('banner.locked')} />;
  if (visit.status === 'accepted')
    return <Alert type="success" showIcon message={t('banner.accepted')} />;
  if (visit.status === 'returned')
    return (
      <Alert
        type="warning"
        showIcon
        message={t('banner.returned', { comment: visit.review?.comment ?? '' })}
      />
    );
  if (mode === 'locked') return <Alert type="info" showIcon message={t('banner.readonly')} />;
  return null;
}
