import { Alert, App, Button, Card, Empty, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LocalDoc } from '../../../../shared/schema';
import type { ConflictEntryData, RejectedEntryData } from '../../../../shared/sync/inbox';
import { applyConflictValue, type MergeDoc } from '../../../../shared/sync/merge';
import type { DanganDatabase } from '../../db/database';
import type { RxCollection } from 'rxdb';
import { useInbox } from './useInbox';
import { useDatabase } from '../../db/provider';
import { formatDate } from '../../i18n/format';

/** A value from a document, readable in one line: entries by their name, objects as text. */
export function showValue(value: unknown, empty: string): string {
  if (value === undefined || value === null || value === '') return empty;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map((v) => showValue(v, empty)).join('；') || empty;
  const record = value as Record<string, unknown>;
  const parts = ['name', 'text', 'detail', 'mobile', 'phone', 'comment']
    .map((k) => record[k])
    .filter((v): v is string => typeof v === 'string' && v !== '');
  return parts.length > 0 ? parts.join(' · ') : JSON.stringify(value);
}

/** Puts the laptop's value back into the current document; false when the record is gone. */
export async function reapplyConflict(db: DanganDatabase, entry: LocalDoc): Promise<boolean> {
  const data = entry.data as ConflictEntryData;
  // Any replicated collection: the inbox entry names it, the merge works on plain documents.
  const collection = db.collections[data.collection] as unknown as RxCollection<MergeDoc>;
  const doc = await collection.findOne(data.documentId).exec();
  if (!doc) return false;
  await doc.incrementalModify((current: MergeDoc) =>
    applyConflictValue(current, { field: data.field, entryId: data.entryId, local: data.hasLocal ? data.local : undefined }),
  );
  await removeEntry(db, entry.id);
  return true;
}

export async function removeEntry(db: DanganDatabase, id: string): Promise<void> {
  await (await db.collections.local.findOne(id).exec())?.incrementalRemove();
}

function ConflictCard({ entry }: { entry: LocalDoc }) {
  const { t } = useTranslation('sync');
  const { message } = App.useApp();
  const db = useDatabase();
  const data = entry.data as ConflictEntryData;
  const missing = t('inbox.empty');
  return (
    <Card size="small" data-testid="inbox-conflict" data-field={data.field} data-document={data.documentId}>
      <Space style={{ marginBottom: 8 }} wrap>
        <Tag>{t(`collection.${data.collection}`)}</Tag>
        <Typography.Text strong>{data.label}</Typography.Text>
        <Typography.Text type="secondary">
          {t('inbox.field')}: {data.field}
          {data.entryId ? ` #${data.entryId.slice(0, 8)}` : ''}
        </Typography.Text>
      </Space>
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12 }}>
        <div>
          <Typography.Text type="secondary">{t('inbox.yours')}</Typography.Text>
          <div data-testid="inbox-yours">{data.hasLocal ? showValue(data.local, missing) : t('inbox.removed')}</div>
        </div>
        <div>
          <Typography.Text type="secondary">
            {t('inbox.theirs')}
            {data.serverAt ? ` (${t('inbox.serverBy', { name: data.serverBy ?? '', time: formatDate(data.serverAt, true) })})` : ''}
          </Typography.Text>
          <div data-testid="inbox-theirs">{data.hasServer ? showValue(data.server, missing) : t('inbox.removed')}</div>
        </div>
      </div>
      <Space style={{ marginTop: 8 }}>
        <Button
          size="small"
          type="primary"
          data-testid="inbox-reapply"
          onClick={async () => {
            const done = await reapplyConflict(db, entry);
            if (done) void message.success(t('inbox.reapplied'));
            else void message.warning(t('inbox.recordGone'));
          }}
        >
          {t('inbox.reapply')}
        </Button>
        <Button size="small" data-testid="inbox-dismiss" onClick={() => void removeEntry(db, entry.id)}>
          {t('inbox.dismiss')}
        </Button>
      </Space>
    </Card>
  );
}

function RejectedCard({ entry }: { entry: LocalDoc }) {
  const { t } = useTranslation('sync');
  const db = useDatabase();
  const data = entry.data as RejectedEntryData;
  return (
    <Card size="small" data-testid="inbox-rejected" data-document={data.documentId}>
      <Space style={{ marginBottom: 8 }} wrap>
        <Tag color="red">{t(`collection.${data.collection}`)}</Tag>
        <Typography.Text strong>{data.label}</Typography.Text>
        <Typography.Text type="secondary">{formatDate(entry.at, true)}</Typography.Text>
      </Space>
      <div>
        <Typography.Text type="secondary">{t('inbox.reason')}: </Typography.Text>
        <span data-testid="inbox-reason">
          {t(`errors.${data.code}`, { defaultValue: data.code })}
          {data.field ? ` (${data.field})` : ''} — {data.message}
        </span>
      </div>
      {data.field && (
        <div>
          <Typography.Text type="secondary">{t('inbox.attempted')}: </Typography.Text>
          {showValue(data.attempted[data.field.split('.')[0] ?? ''], t('inbox.empty'))}
        </div>
      )}
      <Button size="small" style={{ marginTop: 8 }} onClick={() => void removeEntry(db, entry.id)} data-testid="inbox-dismiss-rejected">
        {t('inbox.dismiss')}
      </Button>
    </Card>
  );
}

export function InboxList({ userId, kind }: { userId: string; kind: 'conflict' | 'rejected' }) {
  const { t } = useTranslation('sync');
  const { docs, loading } = useInbox(kind, userId, 200);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Alert type="info" title={kind === 'conflict' ? t('inbox.conflictIntro') : t('inbox.rejectedIntro')} />
      {!loading && docs.length === 0 && <Empty description={kind === 'conflict' ? t('inbox.emptyConflicts') : t('inbox.emptyRejected')} />}
      {docs.map((entry) =>
        kind === 'conflict' ? <ConflictCard key={entry.id} entry={entry} /> : <RejectedCard key={entry.id} entry={entry} />,
      )}
    </Space>
  );
}
