import { GlobalOutlined } from '@ant-design/icons';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '../../../shared/ipc';
import { rememberLocale } from '../i18n';
import { invoke } from '../platform/dangan';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const change = (locale: Locale) => {
    rememberLocale(locale);
    void i18n.changeLanguage(locale);
    // The menu follows the UI language; a failure here only leaves the menu as it was.
    void invoke('app:setLocale', { locale });
  };
  return (
    <Select<Locale>
      aria-label={t('language')}
      data-testid="language-switch"
      value={LOCALES.find((l) => l === i18n.language) ?? 'zh-CN'}
      onChange={change}
      suffixIcon={<GlobalOutlined />}
      style={{ width: 130 }}
      options={LOCALES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
    />
  );
}
