import { describe, expect, it } from 'vitest';
import {
  codeDay,
  formatCustomerCode,
  isSimilarName,
  nameKeys,
  nameSimilarity,
  normalizeNameForCompare,
  parseCustomerCode,
  randomDevicePrefix,
  reserveCodes,
} from '../../../src/shared/customers';

describe('customer codes', () => {
  it('formats and parses a code', () => {
    const code = formatCustomerCode({ day: '240612', device: '7QX3M', sequence: 12 });
    expect(code).toBe('KH240612-7QX3M-00012');
    expect(parseCustomerCode(code)).toEqual({ day: '240612', device: '7QX3M', sequence: 12 });
    expect(parseCustomerCode('KH240612-7QX3I-00012')).toBeNull();
  });

  it('restarts the sequence each day and continues it within a day', () => {
    const first = reserveCodes({ device: 'AB12C', day: '240611', next: 40 }, '240612', 2);
    expect(first.codes).toEqual(['KH240612-AB12C-00001', 'KH240612-AB12C-00002']);
    const second = reserveCodes(first.counter, '240612', 1);
    expect(second.codes).toEqual(['KH240612-AB12C-00003']);
  });

  it('never gives two laptops working offline on the same day the same code', () => {
    const a = randomDevicePrefix(() => Uint8Array.from([1, 2, 3, 4, 5]));
    const b = randomDevicePrefix(() => Uint8Array.from([6, 7, 8, 9, 10]));
    const day = codeDay(Date.now());
    const fromA = reserveCodes({ device: a, day: '', next: 1 }, day, 500).codes;
    const fromB = reserveCodes({ device: b, day: '', next: 1 }, day, 500).codes;
    expect(new Set([...fromA, ...fromB]).size).toBe(1000);
  });

  it('sorts the codes of one day and device in creation order', () => {
    const { codes } = reserveCodes({ device: 'AB12C', day: '', next: 1 }, '240612', 1200);
    expect([...codes].sort()).toEqual(codes);
  });
});

describe('pinyin keys', () => {
  it('gives full pinyin and initials (张三 → zhangsan, zs)', () => {
    expect(nameKeys('张三', 'person')).toEqual({ namePinyin: 'zhangsan', nameInitials: 'zs' });
  });

  it('reads surnames with their surname reading', () => {
    expect(nameKeys('单雄信', 'person').namePinyin).toBe('shanxiongxin');
    expect(nameKeys('曾国藩', 'person').namePinyin).toBe('zengguofan');
  });

  it('keeps Latin letters and digits, drops punctuation, fits the schema limits', () => {
    expect(nameKeys('3M中国（上海）有限公司')).toEqual({ namePinyin: '3mzhongguoshanghaiyouxiangongsi', nameInitials: '3zgshyxgs' });
    expect(nameKeys('北'.repeat(100)).namePinyin.length).toBe(120);
  });
});

describe('similar names', () => {
  it('ignores legal-form suffixes, brackets, spaces and full-width letters', () => {
    expect(normalizeNameForCompare('北京华通科技有限公司（朝阳分公司）')).toBe('北京华通科技');
    expect(normalizeNameForCompare('ＡＢＣ 贸易 股份有限公司')).toBe('abc贸易');
    expect(nameSimilarity('北京华通科技有限公司', '北京华通科技股份有限公司')).toBe(1);
  });

  it('flags near misses of company names but only exact matches of short person names', () => {
    expect(isSimilarName('北京华通科技发展有限公司', '北京华通科技有限公司')).toBe(true);
    expect(isSimilarName('北京华通科技有限公司', '上海恒达贸易有限公司')).toBe(false);
    expect(isSimilarName('张三', '张三')).toBe(true);
    expect(isSimilarName('张三', '张山')).toBe(false);
  });
});
