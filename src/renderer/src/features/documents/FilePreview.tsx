import { Alert, Modal, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../platform/dangan';
import { call, readBlob } from './files';

export interface PreviewTarget {
  sha256: string;
  name: string;
  mime: string;
}

/**
 * Shows a stored image (from a blob URL) or PDF (in Chromium's viewer, from main's
 * read-only `dangan-file:` scheme, the only frame source the app's CSP admits).
 */
export function FilePreview({
  target,
  onClose,
}: {
  target: PreviewTarget | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('documents');
  const [state, setState] = useState<
    { kind: 'image' | 'pdf'; url: string } | { error: string } | null
  >(null);

  useEffect(() => {
    if (!target) return undefined;
    let revoked = false;
    let objectUrl: string | null = null;
    setState(null);
    void (async () => {
      try {
        if (target.mime === 'application/pdf') {
          const { url } = await call(invoke('attachments:previewUrl', { sha256: target.sha256 }));
          if (!revoked) setState({ kind: 'pdf', url });
          return;
        }
        objectUrl = URL.createObjectURL(await readBlob(target.sha256, target.mime));
        if (!revoked) setState({ kind: 'image', url: objectUrl });
      } catch (error) {
        if (!revoked) setState({ error: error instanceof Error ? error.message : String(error) });
      }
    })();
    return () => {
      revoked = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [target]);

  return (
    <Modal
      open={target !== null}
      title={target?.name}
      onCancel={onClose}
      footer={null}
      width="min(1000px, 94vw)"
      destroyOnHidden
    >
      {state === null && <Spin />}
      {state && 'error' in state && (
        <Alert type="error" message={t('previewFailed')} description={state.error} />
      )}
      {state && 'kind' in state && state.kind === 'image' && (
        <img
          src={state.url}
          alt={target?.name}
          style={{ maxWidth: '100%', maxHeight: '75vh', display: 'block', margin: '0 auto' }}
        />
      )}
      {state && 'kind' in state && state.kind === 'pdf' && (
        <iframe
          src={state.url}
          title={target?.name}
          style={{ width: '100%', height: '75vh', border: 0 }}
        />
      )}
    </Modal>
  );
}
