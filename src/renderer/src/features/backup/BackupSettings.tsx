import {
  App,
  Alert,
  Button,
  Descriptions,
  Input,
  InputNumber,
  Progress,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppSettings, AutoBackupStatus, LocalBackup } from '../../../../shared/ipc';
import { useDatabase } from '../../db/provider';
import { bridge, invoke } from '../../platform/dangan';
import { backupDatabase, isProfileEmpty, restoreDatabase, type BackupPhase } from './driver';

const formatBytes = (n: number) =>
  n < 1024 * 1024 ? `${Math.ceil(n / 1024)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;

/**
 * Backup and restore: the automatic daily backup (on/off, how many to keep, the list), a
 * manual backup to any folder with an optional passphrase, and restore into an empty profile.
 */
export function BackupSettings() {
  const { t, i18n } = useTranslation('backup');
  const { message } = App.useApp();
  const db = useDatabase();
  const [settings, setSettings] = useState<AppSettings | null>(null);
  const [status, setStatus] = useState<AutoBackupStatus | null>(null);
  const [backups, setBackups] = useState<LocalBackup[]>([]);
  const [empty, setEmpty] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [restorePass, setRestorePass] = useState('');
  const [progress, setProgress] = useState<{ phase: BackupPhase; percent: number } | null>(null);
  // Kept on the page (a toast fades): a refused restore must stay readable.
  const [failure, setFailure] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });

  const refresh = useCallback(async () => {
    const [s, a, l] = await Promise.all([
      invoke('settings:get', {}),
      invoke('backup:autoStatus', {}),
      invoke('backup:list', {}),
    ]);
    if (s.ok) setSettings(s.value);
    if (a.ok) setStatus(a.value);
    if (l.ok) setBackups(l.value);
    setEmpty(await isProfileEmpty(db));
  }, [db]);
  useEffect(() => void refresh(), [refresh]);

  const onProgress = (phase: BackupPhase, done: number, total: number) =>
    setProgress({ phase, percent: total > 0 ? Math.floor((done / total) * 100) : 0 });
  const explain = (error: unknown) => {
    const key = (error as { messageKey?: string }).messageKey;
    const text =
      (key ? t(key.replace(/^backup\./, ''), { defaultValue: '' }) : '') ||
      (error instanceof Error ? error.message : String(error));
    setFailure(text);
    void message.error(text);
  };
  const update = async (patch: Partial<AppSettings>) => {
    const result = await invoke('settings:update', { patch });
    if (result.ok) setSettings(result.value);
    await refresh();
  };

  const backupNow = async () => {
    if (passphrase && passphrase.length < 8) return void message.warning(t('passphraseShort'));
    setFailure(null);
    setOutcome(null);
    try {
      const summary = await backupDatabase(db, bridge(), {
        destination: 'choose',
        ...(passphrase ? { passphrase } : {}),
        onProgress,
      });
      if (summary) {
        setOutcome(t('done', { file: summary.fileName, size: formatBytes(summary.bytes) }));
        setPassphrase('');
        if (summary.missingBlobs > 0)
          void message.warning(t('missingBlobs', { count: summary.missingBlobs }));
        if (summary.damagedBlobs > 0)
          void message.warning(t('damagedBlobs', { count: summary.damagedBlobs }));
      }
    } catch (error) {
      explain(error);
    } finally {
      setProgress(null);
      await refresh();
    }
  };

  const restore = async (source: { kind: 'local'; fileName: string } | { kind: 'dialog' }) => {
    setFailure(null);
    setOutcome(null);
    try {
      const result = await restoreDatabase(db, bridge(), {
        source,
        ...(restorePass ? { passphrase: restorePass } : {}),
        onProgress,
      });
      if (result) {
        setOutcome(t('restored', { documents: result.documents, blobs: result.blobs }));
        setRestorePass('');
      }
    } catch (error) {
      explain(error);
    } finally {
      setProgress(null);
      await refresh();
    }
  };

  return (
    <Space
      direction="vertical"
      size="large"
      style={{ width: '100%' }}
      data-testid="backup-settings"
    >
      {progress && (
        <Progress
          percent={progress.percent}
          status="active"
          format={(p) => `${t(`phases.${progress.phase}`)} ${p}%`}
          data-testid="backup-progress"
        />
      )}
      {outcome && (
        <Alert
          type="success"
          showIcon
          closable
          message={outcome}
          onClose={() => setOutcome(null)}
          data-testid="backup-outcome"
        />
      )}
      {failure && (
        <Alert
          type="error"
          showIcon
          closable
          message={failure}
          onClose={() => setFailure(null)}
          data-testid="backup-error"
        />
      )}
      <Descriptions column={1} size="small" title={t('auto')}>
        <Descriptions.Item label={t('autoEnabled')}>
          <Switch
            checked={settings?.autoBackup ?? false}
            data-testid="backup-auto"
            onChange={(autoBackup) => void update({ autoBackup })}
          />
        </Descriptions.Item>
        <Descriptions.Item label={t('keep')}>
          <InputNumber
            min={1}
            max={365}
            value={settings?.backupKeep}
            onChange={(v) => v && void update({ backupKeep: v })}
          />
        </Descriptions.Item>
        <Descriptions.Item label={t('lastAuto')}>
          {status?.lastAt ? when.format(status.lastAt) : t('never')}
        </Descriptions.Item>
      </Descriptions>

      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Title level={5}>{t('manual')}</Typography.Title>
        <Input.Password
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
          placeholder={t('passphraseOptional')}
          style={{ maxWidth: 480 }}
          data-testid="backup-passphrase"
        />
        <Button
          type="primary"
          onClick={() => void backupNow()}
          disabled={progress !== null}
          data-testid="backup-now"
        >
          {t('backupNow')}
        </Button>
      </Space>

      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Title level={5}>{t('restore')}</Typography.Title>
        {!empty && <Alert type="info" showIcon message={t('restoreNeedsEmpty')} />}
        <Input.Password
          value={restorePass}
          onChange={(e) => setRestorePass(e.target.value)}
          placeholder={t('passphraseIfAny')}
          style={{ maxWidth: 480 }}
          data-testid="restore-passphrase"
        />
        <Button
          onClick={() => void restore({ kind: 'dialog' })}
          disabled={!empty || progress !== null}
          data-testid="restore-file"
        >
          {t('restoreFromFile')}
        </Button>
        <Table<LocalBackup>
          rowKey="fileName"
          size="small"
          pagination={false}
          dataSource={backups}
          locale={{ emptyText: t('noBackups') }}
          columns={[
            {
              title: t('createdAt'),
              dataIndex: 'createdAt',
              render: (at: number) => when.format(at),
            },
            {
              title: t('kind'),
              dataIndex: 'auto',
              render: (auto: boolean) => <Tag>{auto ? t('autoTag') : t('manualTag')}</Tag>,
            },
            { title: t('size'), dataIndex: 'bytes', render: formatBytes },
            {
              key: 'restore',
              render: (_: unknown, b: LocalBackup) => (
                <Button
                  size="small"
                  disabled={!empty || progress !== null}
                  onClick={() => void restore({ kind: 'local', fileName: b.fileName })}
                >
                  {t('restoreThis')}
                </Button>
              ),
            },
          ]}
        />
      </Space>
    </Space>
  );
}
