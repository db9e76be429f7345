import { describe, expect, it } from 'vitest';
import { SearchIndex, type SearchSource } from '../../../src/renderer/src/features/search/search-index';

function source(id: string, overrides: Partial<SearchSource>): SearchSource {
  return {
    id,
    name: '',
    namePinyin: '',
    nameInitials: '',
    code: `KH240612-AB12C-${id.padStart(5, '0')}`,
    companyName: '',
    creditCode: '',
    phones: [],
    contactNames: [],
    retired: false,
    ...overrides,
  };
}

function build(): SearchIndex {
  const index = new SearchIndex();
  index.upsert(source('1', { name: '张三', namePinyin: 'zhangsan', nameInitials: 'zs', phones: ['13812345678'], contactNames: ['张三'] }));
  index.upsert(source('2', { name: '张三丰', namePinyin: 'zhangsanfeng', nameInitials: 'zsf', phones: ['13900001111'] }));
  index.upsert(source('3', { name: '赵顺', namePinyin: 'zhaoshun', nameInitials: 'zs', phones: ['010-62345678'] }));
  index.upsert(
    source('4', {
      name: '北京华通科技有限公司',
      namePinyin: 'beijinghuatongkejiyouxiangongsi',
      nameInitials: 'bjhtkjyxgs',
      creditCode: '91350100M000100Y43',
      phones: ['13712340000', '0755-82345678'],
      contactNames: ['李四', '王五'],
    }),
  );
  index.upsert(source('5', { name: '王小明', namePinyin: 'wangxiaoming', nameInitials: 'wxm', companyName: '上海恒达贸易有限公司', phones: ['13600000000'] }));
  return index;
}

const ids = (index: SearchIndex, q: string) => index.search(q).hits.map((h) => h.id);

describe('customer search', () => {
  it('finds by name, full pinyin and pinyin initials', () => {
    const index = build();
    expect(ids(index, '张三')[0]).toBe('1');
    expect(ids(index, 'zhangsan')).toEqual(['1', '2']);
    expect(ids(index, 'zs')).toEqual(expect.arrayContaining(['1', '3', '2']));
    expect(ids(index, 'zs')[0]).toMatch(/^[13]$/);
    expect(ids(index, 'sanfeng')).toEqual(['2']);
  });

  it('finds by any run of phone digits, typed with or without separators', () => {
    const index = build();
    expect(ids(index, '2345')).toEqual(expect.arrayContaining(['1', '3', '4']));
    expect(ids(index, '1234')).toEqual(expect.arrayContaining(['1', '4']));
    expect(ids(index, '138-1234-5678')).toEqual(['1']);
    expect(ids(index, '0755 8234')).toEqual(['4']);
  });

  it('finds by code, credit code, contact name and a company fragment', () => {
    const index = build();
    expect(ids(index, 'KH240612-AB12C-00004')[0]).toBe('4');
    expect(ids(index, '91350100M000100Y43')).toEqual(['4']);
    expect(ids(index, '李四')).toEqual(['4']);
    expect(ids(index, '华通')).toEqual(['4']);
    expect(ids(index, '恒达')).toEqual(['5']);
  });

  it('ranks an exact name above a longer one and requires every term', () => {
    const index = build();
    expect(ids(index, '张三')).toEqual(['1', '2']);
    expect(ids(index, '张三 1390')).toEqual(['2']);
    expect(ids(index, 'nobody')).toEqual([]);
  });

  it('says what to highlight: name characters for pinyin, the phone for digits', () => {
    const index = build();
    const byPinyin = index.search('zhangsan').hits[0]!;
    expect(byPinyin.nameRanges).toEqual([[0, 2]]);
    const byFragment = index.search('华通').hits[0]!;
    expect(byFragment.nameRanges).toEqual([[2, 4]]);
    const byPhone = index.search('8234').hits.find((h) => h.id === '4')!;
    expect(byPhone.detail).toEqual({ field: 'phone', text: '0755-82345678', ranges: [[5, 9]] });
  });

  it('follows edits and removals', () => {
    const index = build();
    index.upsert(source('1', { name: '张三', namePinyin: 'zhangsan', nameInitials: 'zs', phones: ['13588889999'] }));
    expect(ids(index, '12345678')).not.toContain('1');
    expect(ids(index, '8888')).toEqual(['1']);
    index.remove('2');
    expect(ids(index, 'zhangsan')).toEqual(['1']);
    expect(index.size).toBe(4);
  });

  it('answers duplicate-check lookups exactly', () => {
    const index = build();
    expect(index.withPhone('13812345678')).toEqual(['1']);
    expect(index.withPhone('1381234567')).toEqual([]);
    expect(index.withCreditCode('91350100m000100y43')).toEqual(['4']);
    expect(index.sharingCharacters('北京华通科技', 0.6)).toEqual(['4']);
  });

  it('matches folded forms when only some values need folding, and shows them as given', () => {
    const index = new SearchIndex();
    const contactNames = ['张三', 'Tom LEE'];
    const phones = ['13812345678', '010-62345678'];
    index.upsert(source('1', { name: 'ACME 华通', companyName: 'Acme Trading', contactNames, phones }));
    expect(ids(index, 'tom lee')).toEqual(['1']);
    expect(index.search('lee').hits[0]!.detail).toEqual({ field: 'contact', text: 'Tom LEE', ranges: [[4, 7]] });
    expect(index.withPhone('01062345678')).toEqual(['1']);
    expect(index.withPhone('13812345678')).toEqual(['1']);
    expect(index.search('acme').hits[0]!.nameRanges).toEqual([[0, 4]]);
    expect(ids(index, 'trading')).toEqual(['1']);
    // What was given is left as it was.
    expect(contactNames).toEqual(['张三', 'Tom LEE']);
    expect(phones).toEqual(['13812345678', '010-62345678']);
    index.setContacts('1', [], []);
    expect(ids(index, 'tom lee')).toEqual([]);
    expect(ids(index, 'acme')).toEqual(['1']);
  });

  it('counts every match while returning only the best few', () => {
    const index = new SearchIndex();
    for (let i = 0; i < 300; i++) index.upsert(source(String(i), { name: `王${i}`, namePinyin: `wang${i}`, nameInitials: `w${i}` }));
    const result = index.search('王', 20);
    expect(result.total).toBe(300);
    expect(result.hits).toHaveLength(20);
  });
});
