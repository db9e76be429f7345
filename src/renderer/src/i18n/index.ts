import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LOCALES, type Locale } from '../../../shared/ipc';

/**
 * Every feature keeps its texts in `locales/<locale>/<namespace>.json`; they are picked up
 * here without a central list, so features never edit each other's files.
 */
const files = import.meta.glob<Record<string, unknown>>('./locales/*/*.json', {
  eager: true,
  import: 'default',
});

function collectResources() {
  const resources: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const [path, content] of Object.entries(files)) {
    const match = /\.\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path);
    if (!match?.[1] || !match[2]) continue;
    (resources[match[1]] ??= {})[match[2]] = content;
  }
  return resources;
}

const STORAGE_KEY = 'dangan.locale';

export function storedLocale(): Locale {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  return LOCALES.find((l) => l === saved) ?? 'zh-CN';
}

export function rememberLocale(locale: Locale): void {
  globalThis.localStorage?.setItem(STORAGE_KEY, locale);
}

export const i18n = i18next.createInstance();

export async function initI18n(locale: Locale = storedLocale()): Promise<typeof i18n> {
  const resources = collectResources();
  await i18n.use(initReactI18next).init({
    resources,
    lng: locale,
    fallbackLng: 'zh-CN',
    supportedLngs: [...LOCALES],
    ns: Object.keys(resources['zh-CN'] ?? {}),
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18n;
}

export function currentLocale(): Locale {
  return LOCALES.find((l) => l === i18n.language) ?? 'zh-CN';
}
