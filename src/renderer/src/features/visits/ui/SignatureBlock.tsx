import { Button, Image, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentDoc, VisitDoc } from '../../../../../shared/schema';
import { formatDate } from '../../../i18n/format';
import { thumbnailUrl } from '../../documents';
import { SignaturePad } from './SignaturePad';

interface Props {
  visit: VisitDoc;
  signature: AttachmentDoc | null;
  canSign: boolean;
  onSave: (png: Blob) => Promise<void>;
}

/** The signature on file, and the pad to (re)sign while the report may change. */
export function SignatureBlock({ visit, signature, canSign, onSave }: Props) {
  const { t } = useTranslation('visits');
  const [url, setUrl] = useState<string | null>(null);
  const [resigning, setResigning] = useState(false);
  useEffect(() => {
    if (!signature) {
      setUrl(null);
      return undefined;
    }
    let created: string | null = null;
    let cancelled = false;
    void thumbnailUrl(signature.sha256, signature.mime, signature.size)
      .catch(() => null)
      .then((u) => {
        created = u;
        if (!cancelled) setUrl(u);
      });
    return () => {
      cancelled = true;
      if (created) URL.revokeObjectURL(created);
    };
  }, [signature]);

  return (
    <div data-testid="visit-signature">
      {visit.signatureAttachmentId && (
        <div style={{ marginBottom: 8 }}>
          {url ? (
            <Image
              src={url}
              alt={t('fields.signature')}
              style={{ maxHeight: 90, border: '1px solid #eee' }}
              data-testid="signature-image"
            />
          ) : null}
          {signature && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {formatDate(signature.at, true)}
            </Typography.Text>
          )}
        </div>
      )}
      {canSign && visit.signatureAttachmentId && !resigning && (
        <Button size="small" onClick={() => setResigning(true)} data-testid="signature-again">
          {t('actions.signAgain')}
        </Button>
      )}
      {canSign && (!visit.signatureAttachmentId || resigning) && (
        <SignaturePad
          onSave={async (png) => {
            await onSave(png);
            setResigning(false);
          }}
        />
      )}
      {!canSign && !visit.signatureAttachmentId && (
        <Typography.Text type="secondary">—</Typography.Text>
      )}
    </div>
  );
}
