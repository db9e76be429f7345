import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { App, Button, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrintData, PrintPreview } from '../../../../shared/ipc';
import { currentLocale } from '../../i18n';
import { invoke } from '../../platform/dangan';

const errorText = (
  t: (key: string, options?: Record<string, unknown>) => string,
  key: string | undefined,
  fallback: string,
) => (key ? t(key.replace(/^print\./, ''), { defaultValue: fallback }) : fallback);

/**
 * A print job: main fills the form and renders an A4 PDF, the preview shows it (Chromium's
 * PDF viewer on main's read-only scheme), and from there the user saves or prints it.
 * `run(form, fileName, prepare)`: `prepare` gathers the data from the database.
 */
export function usePrintJob() {
  const { t } = useTranslation('print');
  const { message } = App.useApp();
  const [preview, setPreview] = useState<(PrintPreview & { name: string }) | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (form: string, name: string, prepare: () => Promise<PrintData | null>) => {
    setBusy(true);
    try {
      const data = await prepare();
      if (!data) {
        void message.info(t('nothing'));
        return;
      }
      const result = await invoke('print:preview', { form, data, locale: currentLocale() });
      if (!result.ok) {
        void message.error(errorText(t, result.error.messageKey, result.error.message));
        return;
      }
      setPreview({ ...result.value, name });
    } catch (error) {
      void message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  const close = () => {
    if (preview) void invoke('print:closePreview', { previewId: preview.previewId });
    setPreview(null);
  };

  const save = async () => {
    if (!preview) return;
    const result = await invoke('print:savePdf', {
      previewId: preview.previewId,
      name: preview.name,
    });
    if (!result.ok) void message.error(errorText(t, result.error.messageKey, result.error.message));
    else if (result.value.saved) void message.success(t('saved'));
  };

  const print = async () => {
    if (!preview) return;
    const result = await invoke('print:print', { previewId: preview.previewId });
    if (!result.ok) void message.error(errorText(t, result.error.messageKey, result.error.message));
  };

  const modal = (
    <Modal
      open={preview !== null}
      title={t('preview')}
      onCancel={close}
      width="min(1000px, 94vw)"
      footer={
        <Space>
          <Typography.Text type="secondary">
            {preview ? t('pages', { count: preview.pages }) : ''}
          </Typography.Text>
          <Button icon={<DownloadOutlined />} onClick={() => void save()} data-testid="print-save">
            {t('savePdf')}
          </Button>
          <Button
            type="primary"
            icon={<PrinterOutlined />}
            onClick={() => void print()}
            data-testid="print-print"
          >
            {t('print')}
          </Button>
        </Space>
      }
      destroyOnHidden
    >
      {preview && (
        <iframe
          src={preview.url}
          title={preview.name}
          style={{ width: '100%', height: '72vh', border: 0 }}
          data-testid="print-frame"
        />
      )}
    </Modal>
  );

  return { run, busy, modal, preview };
}
