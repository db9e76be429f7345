import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Empty, Flex, Progress, Select, Space, Tag, Typography } from 'antd';
import { useMemo, useState, type ClipboardEvent, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTACHMENT_KINDS, type AttachmentKind } from '../../../../shared/schema';
import { groupByKind, type RecordRef } from './documents.data';
import { DocumentsTable } from './DocumentsTable';
import { FilePreview, type PreviewTarget } from './FilePreview';
import { useDocuments, type AddOutcome } from './useDocuments';

/** "粘贴的图片 20250506-093012.png": screenshots pasted in a row keep apart and sort by time. */
function pastedName(label: string, at: Date, index: number): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${at.getFullYear()}${p(at.getMonth() + 1)}${p(at.getDate())}-${p(at.getHours())}${p(at.getMinutes())}${p(at.getSeconds())}`;
  return `${label} ${stamp}${index > 0 ? `-${index + 1}` : ''}.png`;
}

/**
 * The Documents section of a customer's archive: every file of the customer grouped by kind
 * (contracts, ID copies, drawings, correspondence, photos…), newest first, with type, size,
 * who added it, when, and a note. Files are added by dialog, drag-and-drop or pasting an image.
 */
export function DocumentsSection({
  customerId,
  record,
  names,
}: {
  customerId: string;
  /** The record new files belong to; the customer itself by default. */
  record?: RecordRef;
  /** Display names of users by id (who added each file). */
  names?: Record<string, string>;
}) {
  const { t } = useTranslation('documents');
  const { message } = App.useApp();
  const target = useMemo<RecordRef>(
    () => record ?? { collection: 'customers', id: customerId },
    [record, customerId],
  );
  const { files, progress, addBlobs, addFromDialog } = useDocuments(customerId, target);
  const [kind, setKind] = useState<AttachmentKind | 'auto'>('auto');
  const [preview, setPreview] = useState<PreviewTarget | null>(null);
  const [dragging, setDragging] = useState(false);
  const groups = useMemo(() => groupByKind(files.docs), [files.docs]);

  const report = (outcome: AddOutcome) => {
    if (outcome.added > 0) void message.success(t('added', { count: outcome.added }));
    for (const refused of outcome.refused) {
      void message.error(
        `${refused.name}: ${t(refused.messageKey.replace(/^(attachments|documents)[.:]/, ''), { defaultValue: t('errors.failed') })}`,
      );
    }
  };
  const chosenKind = kind === 'auto' ? undefined : kind;
  const run = (task: Promise<AddOutcome>) =>
    void task.then(report, (error: Error) => void message.error(error.message));

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const dropped = Array.from(event.dataTransfer.files).map((file) => ({
      blob: file,
      name: file.name,
    }));
    if (dropped.length > 0) run(addBlobs(dropped, chosenKind));
  };
  const onPaste = (event: ClipboardEvent) => {
    const images = Array.from(event.clipboardData.items)
      .filter((item) => item.kind === 'file' && item.type.startsWith('image/'))
      .map((item) => item.getAsFile())
      .filter((file): file is File => file !== null)
      .map((file, i) => ({
        blob: file,
        name:
          file.name && file.name !== 'image.png'
            ? file.name
            : pastedName(t('pastedImage'), new Date(), i),
      }));
    if (images.length === 0) return;
    event.preventDefault();
    run(addBlobs(images, chosenKind ?? 'photo'));
  };
  const act = (pending: Promise<unknown>) =>
    void pending.catch((error: { messageKey?: string; message?: string }) =>
      message.error(
        t((error.messageKey ?? 'errors.failed').replace(/^(attachments|documents)[.:]/, ''), {
          defaultValue: error.message,
        }),
      ),
    );

  return (
    <div
      data-testid="documents-section"
      tabIndex={0}
      onPaste={onPaste}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      style={{
        outline: dragging ? '2px dashed #1f5fa8' : 'none',
        outlineOffset: 4,
        borderRadius: 4,
      }}
    >
      <Flex justify="space-between" align="center" gap={12} wrap>
        <Typography.Text type="secondary">{t('hint')}</Typography.Text>
        <Space>
          <Select
            value={kind}
            style={{ width: 150 }}
            onChange={setKind}
            aria-label={t('kindForNew')}
            data-testid="documents-kind"
            options={[
              { value: 'auto', label: t('kindAuto') },
              ...ATTACHMENT_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) })),
            ]}
          />
          <Button
            type="primary"
            icon={<UploadOutlined />}
            onClick={() => run(addFromDialog(chosenKind))}
            data-testid="documents-add"
          >
            {t('add')}
          </Button>
        </Space>
      </Flex>
      {progress && (
        <Progress percent={progress.percent} size="small" format={() => progress.name} />
      )}
      {groups.length === 0 && !files.loading && (
        <Empty description={t('empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      )}
      {groups.map((group) => (
        <div key={group.kind} style={{ marginTop: 16 }} data-testid="documents-group">
          <Typography.Title level={5}>
            {t(`kinds.${group.kind}`)} <Tag>{group.docs.length}</Tag>
          </Typography.Title>
          <DocumentsTable docs={group.docs} names={names} onPreview={setPreview} act={act} />
        </div>
      ))}
      <FilePreview target={preview} onClose={() => setPreview(null)} />
    </div>
  );
}
