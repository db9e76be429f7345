import { Alert, DatePicker, Form, Input, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  mode: 'retire' | 'reinstate';
  open: boolean;
  onCancel(): void;
  onConfirm(input: { reason: string; at: number }): Promise<void>;
}

/** Asks for the reason and the date of a retirement (退档) or a reinstatement. */
export function RetireDialog({ mode, open, onCancel, onConfirm }: Props) {
  const { t } = useTranslation('customers');
  const [reason, setReason] = useState('');
  const [date, setDate] = useState<Dayjs | null>(dayjs());
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reasonError = touched && reason.trim() === '';
  const dateError = touched && !date;

  const submit = async () => {
    setTouched(true);
    if (reason.trim() === '' || !date) return;
    setBusy(true);
    setError(null);
    try {
      // The chosen day, at this moment's time of day, so two changes on one day stay ordered.
      const now = dayjs();
      const at = date.hour(now.hour()).minute(now.minute()).second(now.second()).millisecond(now.millisecond()).valueOf();
      await onConfirm({ reason: reason.trim(), at });
      setReason('');
      setTouched(false);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t(mode === 'retire' ? 'retire.title' : 'retire.reinstateTitle')}
      okText={t(mode === 'retire' ? 'retire.confirm' : 'retire.confirmReinstate')}
      okButtonProps={{ danger: mode === 'retire', loading: busy, 'data-testid': 'retire-confirm' } as never}
      onOk={() => void submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      {mode === 'retire' && <Typography.Paragraph type="secondary">{t('retire.explain')}</Typography.Paragraph>}
      <Form layout="vertical">
        <Form.Item label={t('retire.reason')} required validateStatus={reasonError ? 'error' : ''} help={reasonError ? t('retire.reasonRequired') : undefined}>
          <Input.TextArea data-testid="retire-reason" rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
        </Form.Item>
        <Form.Item label={t('retire.date')} required validateStatus={dateError ? 'error' : ''} help={dateError ? t('retire.dateRequired') : undefined}>
          <DatePicker data-testid="retire-date" value={date} onChange={(d) => setDate(d)} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} />}
    </Modal>
  );
}
