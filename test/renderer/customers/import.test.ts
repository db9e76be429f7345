import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { suggestMapping } from '../../../src/renderer/src/features/import/mapping';
import { decodeText, parseCsv, readTable } from '../../../src/renderer/src/features/import/parse';
import { rowToCustomer, type ImportContext } from '../../../src/renderer/src/features/import/rows';
import { validateTable } from '../../../src/renderer/src/features/import/validate-table';
import { VALIDATION } from '../../../src/shared/customers';
import { encodeGb18030 } from './gb18030';

const CSV = [
  '客户名称,客户类型,统一社会信用代码,联系人,手机,电话,地址,负责人,标签',
  '北京华通科技有限公司,企业,91350100M000100Y43,张三,13812345678,010-62345678,"北京市朝阳区建国路88号, 8层",李娜,重点客户、VIP',
  '张小明,个人,,,13912345678,,,,',
  '上海恒达贸易有限公司,企业,91350100M000100Y44,王五,12812345678,,,,',
  '"带""引号""的公司",企业,91110000710935732K,赵六,13700000000,,,,',
].join('\r\n');

let ids = 0;
const ctx = (headers: string[]): ImportContext => ({
  headers,
  owners: new Map([['李娜', 'staff-rep-li-na']]),
  defaultOwnerId: 'clerk1',
  newId: () => `id${(ids += 1)}`,
});

describe('reading a customer list', () => {
  it('decodes CSV saved by Excel in GB18030/GBK, and UTF-8 with or without BOM', () => {
    expect(decodeText(encodeGb18030(CSV))).toEqual({ text: CSV, encoding: 'gb18030' });
    expect(decodeText(new TextEncoder().encode(CSV))).toEqual({ text: CSV, encoding: 'utf-8' });
    expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(CSV)]))).toEqual({ text: CSV, encoding: 'utf-8' });
  });

  it('parses quoted fields, doubled quotes, commas inside quotes and CRLF', () => {
    const rows = parseCsv(CSV);
    expect(rows).toHaveLength(5);
    expect(rows[1]![6]).toBe('北京市朝阳区建国路88号, 8层');
    expect(rows[4]![0]).toBe('带"引号"的公司');
    expect(parseCsv('a\tb\n1\t2\n\n')).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('reads the first sheet of an .xlsx, long numbers and dates as people see them', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('客户');
    sheet.addRow(['客户名称', '手机', '出生日期']);
    sheet.addRow(['张小明', 13912345678, new Date(Date.UTC(1990, 4, 6))]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const { rows, encoding } = await readTable('customers.xlsx', bytes);
    expect(encoding).toBe('xlsx');
    expect(rows).toEqual([
      ['客户名称', '手机', '出生日期'],
      ['张小明', '13912345678', '1990-05-06'],
    ]);
  });

  it('guesses the column of each field from Chinese or English headers', () => {
    const headers = parseCsv(CSV)[0]!;
    expect(suggestMapping(headers)).toEqual({ name: 0, type: 1, creditCode: 2, contactName: 3, mobile: 4, phone: 5, address: 6, owner: 7, tags: 8 });
    expect(suggestMapping(['Name', 'Mobile', '紧急联系人电话', '紧急联系人'])).toEqual({ name: 0, mobile: 1, emergencyMobile: 2, emergencyName: 3 });
  });
});

describe('checking rows', () => {
  const table = parseCsv(CSV);
  const headers = table[0]!;
  const mapping = suggestMapping(headers);

  it('turns a good row into form values (owner by name, tags split, individual is own contact)', () => {
    const company = rowToCustomer(table[1]!, 2, mapping, ctx(headers));
    expect(company.errors).toEqual([]);
    expect(company.values).toMatchObject({ type: 'enterprise', ownerId: 'staff-rep-li-na', tags: ['重点客户', 'VIP'] });
    const person = rowToCustomer(table[2]!, 3, mapping, ctx(headers));
    expect(person.values?.contacts[0]).toMatchObject({ name: '张小明', relation: '本人', mobile: '13912345678', isPrimary: true });
  });

  it('reports each problem at its row and column, with the reason', () => {
    const bad = rowToCustomer(table[3]!, 4, mapping, ctx(headers));
    expect(bad.values).toBeUndefined();
    expect(bad.errors).toEqual(
      expect.arrayContaining([
        { row: 4, column: '统一社会信用代码', field: 'creditCode', message: VALIDATION.creditCode, value: '91350100M000100Y44' },
        { row: 4, column: '手机', field: 'mobile', message: VALIDATION.mobile, value: '12812345678' },
      ]),
    );
    const unknownOwner = rowToCustomer(['某公司', '企业', '91350100M000100Y43', '甲', '13800000000', '', '', '不存在的人', ''], 9, mapping, ctx(headers));
    expect(unknownOwner.errors).toEqual([{ row: 9, column: '负责人', field: 'owner', message: 'import:errors.unknownOwner', value: '不存在的人' }]);
  });

  it('validates a whole table and flags rows repeating an earlier row of the file', async () => {
    // Row 6 is another company sharing row 2's mobile: valid, but flagged as a repeat of row 2.
    const withRepeat = [...table, ['深圳南山电子有限公司', '企业', '91440300708461136T', '李雷', '13812345678', '', '', '', '']];
    const progress: number[] = [];
    const result = await validateTable(withRepeat, mapping, ctx(headers), (done) => progress.push(done), async () => undefined);
    expect(result.rows.map((r) => [r.row, r.sameAsRow])).toEqual([
      [2, undefined],
      [3, undefined],
      [5, undefined],
      [6, 2],
    ]);
    expect(new Set(result.errors.map((e) => e.row))).toEqual(new Set([4]));
    expect(result.rows[0]!.fields.contacts[0]!.phone).toBe('010-62345678');
    expect(progress.at(-1)).toBe(withRepeat.length - 1);
  });
});
