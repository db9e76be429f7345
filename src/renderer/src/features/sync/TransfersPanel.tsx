import { Alert, Button, Empty, List, Progress, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TransferSummary } from '../../../../shared/ipc';
import { formatDate } from '../../i18n/format';
import { onTransferProgress, retryTransfers, transferStatus } from './transfers';

/** The transfer queue: what moves now, what waits (and why), what failed. */
export function TransfersPanel() {
  const { t } = useTranslation('sync');
  const [summary, setSummary] = useState<TransferSummary | null>(null);
  useEffect(() => {
    let cancelled = false;
    const refresh = () => void transferStatus().then((s) => !cancelled && setSummary(s)).catch(() => undefined);
    refresh();
    const timer = setInterval(refresh, 2_000);
    const off = onTransferProgress(refresh);
    return () => {
      cancelled = true;
      clearInterval(timer);
      off();
    };
  }, []);
  if (!summary) return null;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="transfers">
      {!summary.connected && summary.jobs.length > 0 && <Alert type="warning" title={t('transfer.noSession')} />}
      {summary.failed > 0 && (
        <Button size="small" onClick={() => void retryTransfers()}>
          {t('transfer.retryAll')}
        </Button>
      )}
      {summary.jobs.length === 0 ? (
        <Empty description={t('transfer.empty')} />
      ) : (
        <List
          size="small"
          dataSource={summary.jobs}
          renderItem={(job) => (
            <List.Item
              data-testid="transfer-job"
              actions={job.state === 'failed' ? [<Button key="retry" size="small" onClick={() => void retryTransfers(job.sha256)}>{t('transfer.retry')}</Button>] : []}
            >
              <Space orientation="vertical" style={{ width: '100%' }} size={0}>
                <Space>
                  <Tag>{t(`transfer.${job.direction}`)}</Tag>
                  <Typography.Text>{job.name || job.sha256.slice(0, 12)}</Typography.Text>
                  <Tag color={job.state === 'failed' ? 'red' : job.state === 'running' ? 'blue' : undefined}>{t(`transfer.state.${job.state}`)}</Tag>
                </Space>
                {job.state === 'running' && job.total > 0 && <Progress percent={Math.round((job.bytes / job.total) * 100)} size="small" />}
                {job.error && (
                  <Typography.Text type="secondary">
                    {t(`transfer.errors.${job.error}`, { defaultValue: job.error })}
                    {job.retryAt ? ` · ${t('transfer.waiting', { time: formatDate(job.retryAt, true) })}` : ''}
                  </Typography.Text>
                )}
              </Space>
            </List.Item>
          )}
        />
      )}
    </Space>
  );
}
