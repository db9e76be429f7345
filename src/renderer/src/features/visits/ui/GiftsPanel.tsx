import { App, Button, Form, Input, InputNumber, List, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestDoc, RequestStatus, VisitDoc } from '../../../../../shared/schema';
import {
  allowedActions,
  giftRequestSchema,
  isReviewer,
  VisitRuleError,
  type GiftDecision,
} from '../../../../../shared/visits';
import { useDatabase } from '../../../db/provider';
import { formatDate, formatMoney } from '../../../i18n/format';
import { useSession } from '../../../session/session';
import { cancelGift, decideGift, requestGift } from '../data/gifts';
import { actorOf } from '../data/visit-store';
import { useLiveList } from '../live';
import { useUserName } from '../names';
import { requestsOfCustomer } from '../visits.queries';

const GIFT_FIELDS = ['item', 'value', 'reason'] as const;

const STATE_COLORS: Partial<Record<RequestStatus, string>> = {
  pending: 'gold',
  approved: 'green',
  rejected: 'red',
  cancelled: 'default',
};

export function GiftStateTag({ status }: { status: RequestStatus }) {
  const { t } = useTranslation('visits');
  return (
    <Tag color={STATE_COLORS[status] ?? 'default'} data-testid="gift-state">
      {t(`gift.state.${status}`)}
    </Tag>
  );
}

/** Approve or reject one pending gift request (a manager). */
export function GiftDecisionButtons({ request }: { request: RequestDoc }) {
  const { t } = useTranslation('visits');
  const { message, modal } = App.useApp();
  const db = useDatabase();
  const actor = actorOf(useSession());
  if (request.status !== 'pending' || !isReviewer(actor)) return null;
  const decide = (decision: GiftDecision) => {
    let note = '';
    modal.confirm({
      title: t(decision === 'approved' ? 'actions.approve' : 'actions.reject'),
      content: (
        <Input.TextArea
          maxLength={2000}
          placeholder={t('gift.decisionNote')}
          onChange={(e) => (note = e.target.value)}
          data-testid="gift-note"
        />
      ),
      onOk: () =>
        decideGift(db, request.id, decision, note, actor).catch((e: unknown) => {
          void message.error(e instanceof VisitRuleError ? t(e.key) : String(e));
          throw e;
        }),
    });
  };
  return (
    <Space>
      <Button
        size="small"
        type="primary"
        onClick={() => decide('approved')}
        data-testid="gift-approve"
      >
        {t('actions.approve')}
      </Button>
      <Button size="small" danger onClick={() => decide('rejected')} data-testid="gift-reject">
        {t('actions.reject')}
      </Button>
    </Space>
  );
}

/** The gifts asked from this visit, their state, and the form to ask for one. */
export function GiftsPanel({ visit }: { visit: VisitDoc }) {
  const { t } = useTranslation('visits');
  const { message } = App.useApp();
  const db = useDatabase();
  const actor = actorOf(useSession());
  const name = useUserName();
  const { docs } = useLiveList(
    requestsOfCustomer,
    visit.customerId ? { customerId: visit.customerId } : null,
    [visit.customerId],
  );
  const gifts = docs.filter((r) => r.kind === 'gift' && r.sourceId === visit.id);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ item: string; value: number; reason: string }>();

  const submit = async () => {
    const values = form.getFieldsValue();
    const parsed = giftRequestSchema.safeParse({ ...values, value: values.value ?? Number.NaN });
    if (!parsed.success) {
      form.setFields(
        GIFT_FIELDS.map((name) => ({
          name,
          errors: parsed.error.issues.filter((i) => i.path[0] === name).map((i) => t(i.message)),
        })),
      );
      return;
    }
    try {
      await requestGift(db, visit, parsed.data, actor);
      void message.success(t('gift.requested'));
      form.resetFields();
      setOpen(false);
    } catch (e) {
      void message.error(e instanceof VisitRuleError ? t(e.key) : String(e));
    }
  };

  return (
    <div data-testid="visit-gifts">
      <List
        size="small"
        dataSource={gifts}
        locale={{ emptyText: t('gift.none') }}
        renderItem={(g) => (
          <List.Item>
            <List.Item.Meta
              title={
                <Space wrap>
                  <span>{g.item}</span>
                  <Typography.Text type="secondary">{formatMoney(g.value ?? 0)}</Typography.Text>
                  <GiftStateTag status={g.status} />
                </Space>
              }
              description={
                <>
                  <div>{g.reason}</div>
                  {g.decidedAt && (
                    <Typography.Text type="secondary">
                      {name(g.approverId ?? '')} · {formatDate(g.decidedAt, true)} {g.decisionNote}
                    </Typography.Text>
                  )}
                  {g.status === 'pending' && (
                    <Space style={{ marginTop: 4 }}>
                      <GiftDecisionButtons request={g} />
                      {g.requesterId === actor.id && (
                        <Button
                          size="small"
                          type="link"
                          onClick={() => void cancelGift(db, g.id, actor)}
                        >
                          {t('actions.withdraw')}
                        </Button>
                      )}
                    </Space>
                  )}
                </>
              }
            />
          </List.Item>
        )}
      />
      {allowedActions(visit, actor).has('requestGift') && visit.customerId && (
        <Button onClick={() => setOpen(true)} data-testid="gift-request" style={{ marginTop: 8 }}>
          {t('actions.requestGift')}
        </Button>
      )}
      <Modal
        open={open}
        title={t('actions.requestGift')}
        onCancel={() => setOpen(false)}
        destroyOnHidden
        footer={[
          <Button key="cancel" onClick={() => setOpen(false)}>
            {t('common:cancel')}
          </Button>,
          <Button key="ok" type="primary" onClick={() => void submit()} data-testid="gift-submit">
            {t('actions.requestGift')}
          </Button>,
        ]}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="item" label={t('gift.item')} required>
            <Input maxLength={200} data-testid="gift-item" />
          </Form.Item>
          <Form.Item name="value" label={t('gift.value')} required>
            <InputNumber
              min={0}
              step={10}
              precision={2}
              style={{ width: '100%' }}
              data-testid="gift-value"
            />
          </Form.Item>
          <Form.Item name="reason" label={t('gift.reason')} required>
            <Input.TextArea maxLength={2000} data-testid="gift-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
