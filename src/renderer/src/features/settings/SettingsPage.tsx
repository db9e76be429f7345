import { Card, Descriptions, Space } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../../../shared/ipc';
import { invoke } from '../../platform/dangan';
import { BackupSettings } from '../backup';
import { CatalogPrintPanel, PrintSettingsForm } from '../print';
import { ProfileForm } from './ProfileForm';

/** Extra settings cards from other features (backup, sync…), one entry each. */
export const settingsSections: { key: string; titleKey: string; render: () => ReactNode }[] = [
  { key: 'print', titleKey: 'print:settingsTitle', render: () => <PrintSettingsForm /> },
  { key: 'catalog', titleKey: 'print:catalogPanel.title', render: () => <CatalogPrintPanel /> },
  { key: 'backup', titleKey: 'backup:title', render: () => <BackupSettings /> },
];

export function SettingsPage() {
  const { t } = useTranslation();
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    void invoke('app:info', {}).then((r) => r.ok && setInfo(r.value));
  }, []);
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title={t('profile.title')}>
        <ProfileForm />
      </Card>
      {settingsSections.map((s) => (
        <Card key={s.key} title={t(s.titleKey)}>
          {s.render()}
        </Card>
      ))}
      <Card title={t('settings.about')}>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('settings.version')}>{info?.version ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('settings.dataDir')}>{info?.dataDir ?? '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
    </Space>
  );
}
