import { useCallback, useState } from 'react';
import type { RefusedFile, StoredFile } from '../../../../shared/ipc';
import type { AttachmentKind } from '../../../../shared/schema';
import { useDatabase } from '../../db/provider';
import { useRxQuery } from '../../db/hooks';
import { useSession } from '../../session/session';
import { addAttachmentDocs, customerAttachmentsQuery, type RecordRef } from './documents.data';
import { pickFiles, storeThumbnail, uploadBlob } from './files';

export interface AddOutcome {
  added: number;
  refused: RefusedFile[];
}

/** The customer's files (live, newest first) and the ways to add more. */
export function useDocuments(customerId: string, record: RecordRef) {
  const db = useDatabase();
  const user = useSession();
  const files = useRxQuery(() => customerAttachmentsQuery(db, customerId), [db, customerId]);
  const [progress, setProgress] = useState<{ name: string; percent: number } | null>(null);

  const save = useCallback(
    (stored: StoredFile[], kind?: AttachmentKind) =>
      addAttachmentDocs(db, stored, {
        customerId,
        record,
        userId: user.id,
        ...(kind ? { kind } : {}),
      }),
    [db, customerId, record, user.id],
  );

  /** Files from a drop or a paste: streamed to main, thumbnails drawn for images. */
  const addBlobs = useCallback(
    async (blobs: { blob: Blob; name: string }[], kind?: AttachmentKind): Promise<AddOutcome> => {
      const stored: StoredFile[] = [];
      const refused: RefusedFile[] = [];
      for (const { blob, name } of blobs) {
        try {
          setProgress({ name, percent: 0 });
          const file = await uploadBlob(blob, name, (sent, total) =>
            setProgress({ name, percent: Math.round((sent / Math.max(1, total)) * 100) }),
          );
          await storeThumbnail(file, blob).catch(() => false);
          stored.push(file);
        } catch (error) {
          refused.push({
            name,
            messageKey: (error as { messageKey?: string }).messageKey ?? 'errors.failed',
          });
        }
      }
      setProgress(null);
      await save(stored, kind);
      return { added: stored.length, refused };
    },
    [save],
  );

  /** Files chosen in the system dialog: main reads them itself (the path never comes here). */
  const addFromDialog = useCallback(
    async (kind?: AttachmentKind): Promise<AddOutcome> => {
      const { files: stored, refused } = await pickFiles();
      await save(stored, kind);
      return { added: stored.length, refused };
    },
    [save],
  );

  return { files, progress, addBlobs, addFromDialog };
}
