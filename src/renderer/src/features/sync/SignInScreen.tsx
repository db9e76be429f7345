import { CloudServerOutlined, LaptopOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Divider, Form, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceIdentity, KnownAccount } from '../../../../shared/ipc';
import { invoke } from '../../platform/dangan';
import { signIn, signInErrorKey, type AppSession } from './session';

export type SignInNotice = 'signedOut' | 'revoked' | null;

interface Values {
  serverUrl: string;
  username: string;
  password: string;
  deviceName: string;
}

/**
 * Server address, user name, password and this laptop's name. Signs in online, or offline
 * against the verifier an earlier online sign-in left, when the server cannot be reached.
 */
export function SignInScreen(props: {
  notice: SignInNotice;
  onSignedIn: (session: AppSession, offline: boolean) => void;
  onUseLocal: () => void;
}) {
  const { t } = useTranslation('sync');
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [device, setDevice] = useState<DeviceIdentity | null>(null);
  const [accounts, setAccounts] = useState<KnownAccount[]>([]);

  useEffect(() => {
    void invoke('secure:device', {}).then((r) => {
      if (!r.ok) return;
      setDevice(r.value);
      if (!form.getFieldValue('deviceName')) form.setFieldValue('deviceName', r.value.deviceName);
    });
    void invoke('secure:accounts', {}).then((r) => {
      if (!r.ok || r.value.length === 0) return;
      setAccounts(r.value);
      const last = r.value[0]!;
      if (!form.getFieldValue('serverUrl')) form.setFieldsValue({ serverUrl: last.serverUrl, username: last.username });
    });
  }, [form]);

  const submit = async (values: Values) => {
    setBusy(true);
    setError(null);
    try {
      const { session, offline } = await signIn({
        serverUrl: values.serverUrl,
        username: values.username,
        password: values.password,
        deviceName: values.deviceName.trim() || undefined,
      });
      props.onSignedIn(session, offline);
    } catch (failure) {
      setError(t(signInErrorKey(failure), { message: failure instanceof Error ? failure.message : String(failure) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f5f7fa' }}>
      <Card style={{ width: 440 }} data-testid="signin">
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          <CloudServerOutlined /> {t('signIn.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('signIn.subtitle')}</Typography.Paragraph>
        {props.notice && (
          <Alert
            data-testid="signin-notice"
            style={{ marginBottom: 16 }}
            type={props.notice === 'revoked' ? 'error' : 'info'}
            title={props.notice === 'revoked' ? t('errors.deviceRevoked') : t('signIn.signedOut')}
          />
        )}
        {error && <Alert data-testid="signin-error" type="error" style={{ marginBottom: 16 }} title={error} />}
        <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
          <Form.Item name="serverUrl" label={t('signIn.server')} rules={[{ required: true, whitespace: true, message: t('signIn.serverRequired') }]}>
            <Input data-testid="signin-server" placeholder={t('signIn.serverPlaceholder')} autoComplete="url" />
          </Form.Item>
          <Form.Item name="username" label={t('signIn.username')} rules={[{ required: true, whitespace: true, message: t('signIn.usernameRequired') }]}>
            <Input data-testid="signin-username" autoComplete="username" />
          </Form.Item>
          <Form.Item name="password" label={t('signIn.password')} rules={[{ required: true, message: t('signIn.passwordRequired') }]}>
            <Input.Password data-testid="signin-password" autoComplete="current-password" />
          </Form.Item>
          <Form.Item name="deviceName" label={t('signIn.device')} extra={device ? t('signIn.deviceId', { id: device.deviceId }) : undefined}>
            <Input data-testid="signin-device" maxLength={100} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="signin-submit">
            {t('signIn.submit')}
          </Button>
        </Form>
        {accounts.length > 1 && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {t('signIn.known')}:{' '}
            {accounts.slice(0, 5).map((a) => (
              <Button key={a.userId} type="link" size="small" onClick={() => form.setFieldsValue({ serverUrl: a.serverUrl, username: a.username })}>
                {a.displayName || a.username}
              </Button>
            ))}
          </Typography.Paragraph>
        )}
        <Divider />
        <Button block icon={<LaptopOutlined />} onClick={props.onUseLocal} data-testid="signin-local">
          {t('signIn.useLocal')}
        </Button>
      </Card>
    </div>
  );
}
