import { Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { nameKeys } from '../../../../../shared/customers/pinyin';
import type { CustomerDoc } from '../../../../../shared/schema';
import { runListQuery } from '../../../db/list-query';
import { useDatabase } from '../../../db/provider';
import { useCustomers } from '../hooks';
import { customersByCodePrefix, customersByPinyinPrefix } from '../visits.queries';

const LIMIT = 20;

/** What the typed text means for the pinyin index: 张 → zhang, "Zhang San" → zhangsan. */
function pinyinPrefix(text: string): string {
  return nameKeys(text.trim()).namePinyin;
}

interface Props {
  value?: string;
  onChange?: (customerId: string) => void;
  disabled?: boolean;
  testId?: string;
}

/**
 * Finds an active customer by the start of its name (in characters or pinyin) or of its
 * code, straight from the customers' indexes — no scan, whatever the archive's size.
 */
export function CustomerPicker({ value, onChange, disabled, testId = 'customer-picker' }: Props) {
  const { t } = useTranslation('visits');
  const db = useDatabase();
  const [text, setText] = useState('');
  const [found, setFound] = useState<CustomerDoc[]>([]);
  const selected = useCustomers(value ? [value] : []);

  useEffect(() => {
    const typed = text.trim();
    if (!typed) {
      setFound([]);
      return undefined;
    }
    let cancelled = false;
    const timer = setTimeout(() => {
      const pinyin = pinyinPrefix(typed);
      void Promise.all([
        runListQuery(db, customersByCodePrefix, {
          prefix: typed.toUpperCase(),
          limit: LIMIT,
        }).exec(),
        pinyin
          ? runListQuery(db, customersByPinyinPrefix, { prefix: pinyin, limit: LIMIT }).exec()
          : Promise.resolve([]),
      ]).then(([byCode, byPinyin]) => {
        if (cancelled) return;
        const merged = new Map<string, CustomerDoc>();
        for (const d of [...byCode, ...byPinyin]) merged.set(d.id, d.toMutableJSON());
        // A name typed in characters must also match in characters (pinyin has homophones).
        const hasHan = /\p{Script=Han}/u.test(typed);
        setFound(
          [...merged.values()]
            .filter((c) => !hasHan || c.name.includes(typed) || c.code.startsWith(typed))
            .slice(0, LIMIT),
        );
      });
    }, 150);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [db, text]);

  const options = useMemo(() => {
    const list = [...found];
    const current = value ? selected.get(value) : undefined;
    if (current && !list.some((c) => c.id === current.id)) list.unshift(current);
    return list.map((c) => ({ value: c.id, label: `${c.name}（${c.code}）` }));
  }, [found, selected, value]);

  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setText }}
      value={value || undefined}
      placeholder={t('pickCustomer')}
      options={options}
      onChange={(id: string) => onChange?.(id)}
      disabled={disabled}
      data-testid={testId}
      style={{ width: '100%' }}
      notFoundContent={null}
    />
  );
}
