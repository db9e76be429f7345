import { App, Button, Form, Input, Space, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppSettings } from '../../../../shared/ipc';
import { invoke } from '../../platform/dangan';

type PrintFields = Pick<
  AppSettings,
  'companyName' | 'hotline' | 'companyAddress' | 'maskIdNumbers'
>;

/** What every printed form carries: company name, hotline, address; and ID masking. */
export function PrintSettingsForm() {
  const { t } = useTranslation('print');
  const { message } = App.useApp();
  const [form] = Form.useForm<PrintFields>();
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    void invoke('settings:get', {}).then((r) => {
      if (r.ok) form.setFieldsValue(r.value);
      setLoaded(true);
    });
  }, [form]);
  const onFinish = async (values: PrintFields) => {
    const result = await invoke('settings:update', { patch: values });
    if (result.ok) void message.success(t('settingsSaved'));
    else void message.error(result.error.message);
  };
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={(v) => void onFinish(v)}
      disabled={!loaded}
      style={{ maxWidth: 520 }}
    >
      <Form.Item name="companyName" label={t('companyName')} rules={[{ max: 100 }]}>
        <Input data-testid="print-company-name" />
      </Form.Item>
      <Form.Item name="hotline" label={t('hotline')} rules={[{ max: 50 }]}>
        <Input data-testid="print-hotline" />
      </Form.Item>
      <Form.Item name="companyAddress" label={t('companyAddress')} rules={[{ max: 200 }]}>
        <Input data-testid="print-company-address" />
      </Form.Item>
      <Form.Item name="maskIdNumbers" label={t('maskIdNumbers')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" data-testid="print-settings-save">
          {t('saveSettings')}
        </Button>
        <Button onClick={() => void invoke('print:openTemplatesFolder', {})}>
          {t('openTemplates')}
        </Button>
      </Space>
    </Form>
  );
}
