import { pinyin } from 'pinyin-pro';

/** Schema limits of `namePinyin` and `nameInitials` (src/shared/schema/customers.ts). */
export const PINYIN_MAX = 120;
export const INITIALS_MAX = 100;

export interface NameKeys {
  /** Full pinyin without tones or spaces, lower case: 张三 → zhangsan. */
  namePinyin: string;
  /** First letters: 张三 → zs. */
  nameInitials: string;
}

/**
 * Sort and search keys of a name. Person names read their surname with the surname
 * reading (单 → shan, 曾 → zeng); Latin letters and digits are kept as they are, lower-cased;
 * punctuation is dropped.
 */
export function nameKeys(name: string, kind: 'person' | 'organization' = 'organization'): NameKeys {
  const syllables = pinyin(name, {
    toneType: 'none',
    type: 'array',
    nonZh: 'consecutive',
    v: true,
    ...(kind === 'person' ? { surname: 'head' as const } : {}),
  });
  let full = '';
  let initials = '';
  for (const raw of syllables) {
    const s = raw.toLowerCase().replace(/[^a-z0-9]/g, '');
    if (s === '') continue;
    full += s;
    // A run of Latin letters or digits counts as one "word": its first character is its initial.
    initials += /^[0-9]+$/.test(s) ? s : s[0];
  }
  return { namePinyin: full.slice(0, PINYIN_MAX), nameInitials: initials.slice(0, INITIALS_MAX) };
}
