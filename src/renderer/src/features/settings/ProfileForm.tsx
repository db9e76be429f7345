import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Form, Input, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useDatabase } from '../../db/provider';
import { formatDate } from '../../i18n/format';
import { useSession } from '../../session/session';
import { profileSchema, saveProfile, useProfile, type Profile } from './profile';

export function ProfileForm() {
  const { t } = useTranslation();
  const db = useDatabase();
  const user = useSession();
  const profile = useProfile();
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { control, handleSubmit, reset, formState } = useForm<Profile>({
    resolver: zodResolver(profileSchema),
    defaultValues: { displayName: user.displayName },
  });

  useEffect(() => {
    if (profile) reset(profile);
  }, [profile, reset]);

  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    try {
      await saveProfile(db, user.id, values);
      setSavedAt(Date.now());
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  });

  return (
    <Form layout="vertical" onFinish={() => void onSubmit()} style={{ maxWidth: 420 }}>
      <Controller
        name="displayName"
        control={control}
        render={({ field, fieldState }) => (
          <Form.Item
            label={t('profile.displayName')}
            validateStatus={fieldState.error ? 'error' : ''}
            help={fieldState.error?.message ? t(fieldState.error.message) : undefined}
          >
            <Input {...field} data-testid="profile-name" maxLength={60} />
          </Form.Item>
        )}
      />
      <Form.Item label={t('profile.role')}>
        <Tag>{t(`profile.roles.${user.role}`)}</Tag>
      </Form.Item>
      {error && <Alert type="error" showIcon message={t('errors.failed', { message: error })} style={{ marginBottom: 12 }} />}
      <Space>
        <Button type="primary" htmlType="submit" loading={formState.isSubmitting} data-testid="profile-save">
          {t('save')}
        </Button>
        {savedAt && (
          <Typography.Text type="success" data-testid="profile-saved">
            {t('profile.savedAt', { time: formatDate(savedAt, true) })}
          </Typography.Text>
        )}
      </Space>
    </Form>
  );
}
