import { DeleteOutlined, FileOutlined, InboxOutlined } from '@ant-design/icons';
import { App, Button, Image, Input, List, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentDoc, VisitDoc } from '../../../../../shared/schema';
import { allowedActions, VisitRuleError } from '../../../../../shared/visits';
import { useDatabase } from '../../../db/provider';
import { useSession } from '../../../session/session';
import { actorOf } from '../data/visit-store';
import { FileError, storeThumbnail, thumbnailUrl, uploadBlob } from '../../documents';
import { attachFiles, removeFile } from '../data/files';
import { useLiveList } from '../live';
import { attachmentsOfRecord } from '../visits.queries';

function Thumb({ file }: { file: AttachmentDoc }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let created: string | null = null;
    let cancelled = false;
    void thumbnailUrl(file.sha256, file.mime, file.size)
      .catch(() => null)
      .then((u) => {
        created = u;
        if (!cancelled) setUrl(u);
        else if (u) URL.revokeObjectURL(u);
      });
    return () => {
      cancelled = true;
      if (created) URL.revokeObjectURL(created);
    };
  }, [file.sha256, file.mime, file.size]);
  if (!url) return <FileOutlined style={{ fontSize: 32, color: '#999' }} />;
  return <Image src={url} width={64} height={64} style={{ objectFit: 'cover' }} alt={file.name} />;
}

/** The visit's files and the signature record, from the attachments collection. */
export function useVisitFiles(visit: VisitDoc) {
  const { docs } = useLiveList(attachmentsOfRecord, { recordId: visit.id }, [visit.id]);
  const photos = docs.filter((d) => visit.attachmentIds.includes(d.id));
  const signature = docs.find((d) => d.id === visit.signatureAttachmentId) ?? null;
  return { photos, signature };
}

/** Asks for the reason a change to a handed-in report needs; null when the user cancels. */
export function useAskReason() {
  const { modal } = App.useApp();
  const { t } = useTranslation('visits');
  return (title: string) =>
    new Promise<string | null>((resolve) => {
      let reason = '';
      modal.confirm({
        title,
        content: (
          <Input.TextArea
            autoFocus
            maxLength={500}
            placeholder={t('reasonPlaceholder')}
            onChange={(e) => (reason = e.target.value)}
            data-testid="reason-input"
          />
        ),
        onOk: () => resolve(reason),
        onCancel: () => resolve(null),
      });
    });
}

/** `editable`: the report is open for changes here (a draft, or a correction under way). */
export function FilesPanel({ visit, editable }: { visit: VisitDoc; editable: boolean }) {
  const { t } = useTranslation('visits');
  const { message } = App.useApp();
  const db = useDatabase();
  const actor = actorOf(useSession());
  const actions = allowedActions(visit, actor);
  const canAdd = editable && (actions.has('edit') || actions.has('amend'));
  const askReason = useAskReason();
  const { photos } = useVisitFiles(visit);
  const [busy, setBusy] = useState(false);

  const report = (error: unknown) => {
    if (error instanceof FileError)
      void message.error(
        t(error.messageKey, { ns: ['visits', 'documents', 'common'], defaultValue: error.message }),
      );
    else if (error instanceof VisitRuleError) void message.error(t(error.key));
    else
      void message.error(
        t('errors.unexpected', { message: error instanceof Error ? error.message : String(error) }),
      );
  };

  const add = async (files: File[]) => {
    if (!files.length) return;
    const reason = actions.has('edit') ? '' : await askReason(t('files.reasonForAdd'));
    if (reason === null) return;
    setBusy(true);
    try {
      const stored = [];
      for (const file of files) {
        const s = await uploadBlob(file, file.name || 'image.png');
        await storeThumbnail(s, file).catch(() => undefined);
        stored.push(s);
      }
      await attachFiles(db, visit.id, stored, actor, reason);
      void message.success(t('files.added', { count: stored.length }));
    } catch (error) {
      report(error);
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    if (!canAdd) return undefined;
    const onPaste = (e: ClipboardEvent) => {
      const files = [...(e.clipboardData?.files ?? [])].filter((f) => f.type.startsWith('image/'));
      if (files.length) void add(files);
    };
    window.addEventListener('paste', onPaste);
    return () => window.removeEventListener('paste', onPaste);
  });

  return (
    <div data-testid="visit-files">
      <List
        size="small"
        dataSource={photos}
        locale={{ emptyText: t('files.empty') }}
        renderItem={(file) => (
          <List.Item
            actions={
              actions.has('edit')
                ? [
                    <Button
                      key="rm"
                      size="small"
                      icon={<DeleteOutlined />}
                      aria-label={t('actions.removeFile')}
                      onClick={() => void removeFile(db, visit.id, file.id, actor).catch(report)}
                    />,
                  ]
                : []
            }
          >
            <List.Item.Meta
              avatar={<Thumb file={file} />}
              title={<Typography.Text ellipsis>{file.name}</Typography.Text>}
              description={`${Math.ceil(file.size / 1024)} KB`}
            />
          </List.Item>
        )}
      />
      {canAdd && (
        <Upload.Dragger
          multiple
          showUploadList={false}
          disabled={busy}
          beforeUpload={(_file, list) => {
            // Called once per file with the whole batch: act on the batch once.
            if (_file === list[0]) void add(list);
            return Upload.LIST_IGNORE;
          }}
          data-testid="files-drop"
          style={{ marginTop: 8 }}
        >
          <p style={{ margin: 0 }}>
            <InboxOutlined style={{ fontSize: 28, color: '#1f5fa8' }} />
          </p>
          <p style={{ margin: 0 }}>{t('actions.addFiles')}</p>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('files.drop')}
          </Typography.Text>
        </Upload.Dragger>
      )}
    </div>
  );
}
