import { App, Button, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VisitDoc } from '../../../../../shared/schema';
import { allowedActions, VisitRuleError } from '../../../../../shared/visits';
import { useDatabase } from '../../../db/provider';
import { formatDate } from '../../../i18n/format';
import { useSession } from '../../../session/session';
import { actorOf, reviewVisit } from '../data/visit-store';
import { useUserName } from '../names';

/** The manager's review: a comment, then accept or send back (a send-back must say why). */
export function ReviewPanel({ visit }: { visit: VisitDoc }) {
  const { t } = useTranslation('visits');
  const { message } = App.useApp();
  const db = useDatabase();
  const actor = actorOf(useSession());
  const name = useUserName();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const canReview = allowedActions(visit, actor).has('review');

  const decide = async (decision: 'accepted' | 'returned') => {
    setBusy(true);
    try {
      await reviewVisit(db, visit.id, decision, comment, actor);
      setComment('');
      void message.success(t('reviewed'));
    } catch (e) {
      void message.error(e instanceof VisitRuleError ? t(e.key) : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="visit-review">
      {visit.review && (
        <Typography.Paragraph>
          <Typography.Text strong>
            {t('review.last', {
              decision: t(`status.${visit.review.decision}`),
              time: formatDate(visit.review.at, true),
            })}
          </Typography.Text>
          <br />
          <Typography.Text type="secondary">{name(visit.review.by)}</Typography.Text>
          {visit.review.comment && <div data-testid="review-comment">{visit.review.comment}</div>}
        </Typography.Paragraph>
      )}
      {canReview && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Input.TextArea
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            maxLength={2000}
            autoSize={{ minRows: 2, maxRows: 6 }}
            placeholder={t('reviewCommentPlaceholder')}
            aria-label={t('reviewComment')}
            data-testid="review-input"
          />
          <Space>
            <Button
              type="primary"
              loading={busy}
              onClick={() => void decide('accepted')}
              data-testid="review-accept"
            >
              {t('actions.accept')}
            </Button>
            <Button
              danger
              loading={busy}
              onClick={() => void decide('returned')}
              data-testid="review-return"
            >
              {t('actions.sendBack')}
            </Button>
          </Space>
        </Space>
      )}
      {!visit.review && !canReview && <Typography.Text type="secondary">—</Typography.Text>}
    </div>
  );
}
