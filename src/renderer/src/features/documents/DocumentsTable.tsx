import {
  DeleteOutlined,
  DownloadOutlined,
  EyeOutlined,
  ExportOutlined,
  PaperClipOutlined,
} from '@ant-design/icons';
import { Button, Popconfirm, Select, Space, Table, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ATTACHMENT_KINDS,
  type AttachmentDoc,
  type AttachmentKind,
} from '../../../../shared/schema';
import { useDatabase } from '../../db/provider';
import { invoke } from '../../platform/dangan';
import { removeAttachment, updateAttachment } from './documents.data';
import { call, thumbnailUrl } from './files';
import type { PreviewTarget } from './FilePreview';

const PREVIEWABLE = /^(image\/(png|jpeg|gif|webp|bmp)|application\/pdf)$/;

export function formatSize(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(0)} KB`;
  if (size < 1024 * 1024 * 1024) return `${(size / 1024 / 1024).toFixed(1)} MB`;
  return `${(size / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

function Thumb({ doc }: { doc: AttachmentDoc }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!doc.mime.startsWith('image/')) return undefined;
    let made: string | null = null;
    let live = true;
    void thumbnailUrl(doc.sha256, doc.mime, doc.size)
      .then((u) => {
        made = u;
        if (live) setUrl(u);
        else if (u) URL.revokeObjectURL(u);
      })
      .catch(() => undefined);
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [doc.sha256, doc.mime, doc.size]);
  if (!url) return <PaperClipOutlined style={{ fontSize: 20, color: '#999' }} />;
  return (
    <img src={url} alt="" style={{ width: 40, height: 40, objectFit: 'cover', borderRadius: 4 }} />
  );
}

/** One kind's files: name and type, size, who, when, an editable note and kind, and actions. */
export function DocumentsTable({
  docs,
  names,
  onPreview,
  act,
}: {
  docs: AttachmentDoc[];
  names: Record<string, string> | undefined;
  onPreview(target: PreviewTarget): void;
  /** Runs an action, reporting its failure. */
  act(pending: Promise<unknown>): void;
}) {
  const { t, i18n } = useTranslation('documents');
  const db = useDatabase();
  const dateTime = new Intl.DateTimeFormat(i18n.language, {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  const columns = [
    { key: 'thumb', width: 56, render: (_: unknown, doc: AttachmentDoc) => <Thumb doc={doc} /> },
    {
      title: t('name'),
      dataIndex: 'name',
      render: (name: string, doc: AttachmentDoc) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{name}</Typography.Text>
          <Typography.Text type="secondary">{doc.mime}</Typography.Text>
        </Space>
      ),
    },
    { title: t('size'), dataIndex: 'size', width: 90, render: (size: number) => formatSize(size) },
    {
      title: t('addedBy'),
      dataIndex: 'createdBy',
      width: 110,
      render: (id: string) => names?.[id] ?? id,
    },
    {
      title: t('addedAt'),
      dataIndex: 'at',
      width: 170,
      render: (at: number) => dateTime.format(at),
    },
    {
      title: t('note'),
      dataIndex: 'note',
      width: 200,
      render: (note: string | undefined, doc: AttachmentDoc) => (
        <Typography.Paragraph
          style={{ margin: 0 }}
          editable={{
            onChange: (text) => act(updateAttachment(db, doc.id, { note: text })),
            maxLength: 2000,
          }}
        >
          {note ?? ''}
        </Typography.Paragraph>
      ),
    },
    {
      title: t('kind'),
      dataIndex: 'kind',
      width: 140,
      render: (value: AttachmentKind, doc: AttachmentDoc) => (
        <Select
          size="small"
          value={value}
          style={{ width: 124 }}
          onChange={(next) => act(updateAttachment(db, doc.id, { kind: next }))}
          options={ATTACHMENT_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
        />
      ),
    },
    {
      key: 'actions',
      width: 170,
      render: (_: unknown, doc: AttachmentDoc) => (
        <Space size={2}>
          <Tooltip title={t('preview')}>
            <Button
              size="small"
              icon={<EyeOutlined />}
              data-testid="documents-preview"
              disabled={!PREVIEWABLE.test(doc.mime)}
              onClick={() => onPreview({ sha256: doc.sha256, name: doc.name, mime: doc.mime })}
            />
          </Tooltip>
          <Tooltip title={t('open')}>
            <Button
              size="small"
              icon={<ExportOutlined />}
              onClick={() =>
                act(call(invoke('attachments:open', { sha256: doc.sha256, name: doc.name })))
              }
            />
          </Tooltip>
          <Tooltip title={t('saveAs')}>
            <Button
              size="small"
              icon={<DownloadOutlined />}
              data-testid="documents-save-as"
              onClick={() =>
                act(call(invoke('attachments:saveAs', { sha256: doc.sha256, name: doc.name })))
              }
            />
          </Tooltip>
          <Popconfirm
            title={t('removeConfirm')}
            onConfirm={() => act(removeAttachment(db, doc.id))}
          >
            <Button size="small" danger icon={<DeleteOutlined />} />
          </Popconfirm>
        </Space>
      ),
    },
  ];
  return (
    <Table
      rowKey="id"
      size="small"
      pagination={false}
      columns={columns}
      dataSource={docs}
      tableLayout="fixed"
    />
  );
}
