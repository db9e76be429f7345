import { atDescOf } from '../../../src/shared/schema';
import type { CustomerDoc } from '../../../src/shared/schema';
import type { PrintData } from '../../../src/shared/ipc/print';

/** Text no form may ever interpret: it must print exactly as typed. */
export const HOSTILE = `<img src=x onerror=alert(1)><script>alert("x")</script>&amp;"'`;

const t = (iso: string) => new Date(iso).getTime();

export function sampleCustomer(overrides: Partial<CustomerDoc> = {}): CustomerDoc {
  return {
    id: '01JC8Y3ZQ7K2M4N6P8R0S2T4V6',
    code: 'KH-2024-0318',
    type: 'enterprise',
    name: '杭州青禾家居有限公司',
    namePinyin: 'hangzhouqinghejiajuyouxiangongsi',
    nameInitials: 'hzqhjjyxgs',
    companyName: '杭州青禾家居有限公司',
    creditCode: '91330106MA2H1234X5',
    contacts: [
      { id: 'c1', name: '王建国', title: '采购经理', mobile: '13800138000', email: 'wang@qinghe.example', isPrimary: true, isEmergency: false },
      { id: 'c2', name: '李秀英', title: '财务', phone: '0571-88886666', isPrimary: false, isEmergency: true, relation: '同事' },
    ],
    addresses: [
      { id: 'a1', kind: 'office', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 478 号华星时代广场 A 座 1203 室', postalCode: '310012' },
    ],
    lifecycle: 'active',
    activityLevel: 'high',
    industry: '家居建材',
    region: '华东',
    sourceChannel: '展会',
    tags: ['重点客户', '年度框架协议'],
    ownerId: 'u-zhang',
    teamId: 't-east',
    membershipTier: 'gold',
    points: 12800,
    archiveStatus: 'active',
    statusHistory: [],
    location: { cabinet: 'A', shelf: '3', box: '12' },
    lastVisitAt: t('2025-05-20T10:00:00+08:00'),
    nextTaskAt: 0,
    note: `年度框架协议已续签。\n备注：${HOSTILE}`,
    createdAt: t('2024-03-18T09:30:00+08:00'),
    createdBy: 'u-li',
    updatedAt: t('2025-06-01T16:45:00+08:00'),
    updatedBy: 'u-li',
    ...overrides,
  };
}

const names = { 'u-zhang': '张伟', 'u-li': '李娜', 't-east': '华东一组', 'u-chen': '陈静' };

export function customerSheetData(): PrintData {
  const at = (iso: string) => ({ at: t(iso), atDesc: atDescOf(t(iso)) });
  return {
    model: 'customer-sheet',
    customer: sampleCustomer({ name: `青禾家居${HOSTILE}` }),
    credit: { rating: 'A', limit: 500000, receivables: 128000.5, overdue: 0, reviewedAt: t('2025-01-10T12:00:00+08:00') },
    transactions: [
      { kind: 'purchase', productModel: 'QH-S800 整体衣柜', serialNo: 'SN20240318001', quantity: 12, amount: 186000, warrantyUntil: t('2027-03-18T12:00:00+08:00'), note: '首批', ...at('2024-03-20T10:00:00+08:00') },
      { kind: 'payment', amount: 93000, note: '第二期款项', ...at('2024-09-01T10:00:00+08:00') },
    ],
    visits: [
      { status: 'accepted', place: '客户展厅', purposes: ['demonstration', 'relationship'], contactName: '王建国', outcomes: '确认下季度追加 20 套样品。', ownerId: 'u-zhang', ...at('2025-05-20T10:00:00+08:00') },
    ],
    cases: [
      { kind: 'complaint', complaintType: 'quality', status: 'resolved', title: '柜门铰链松动', assigneeId: 'u-chen', resolvedAt: t('2025-02-03T12:00:00+08:00'), ...at('2025-02-01T09:00:00+08:00') },
    ],
    requests: [{ kind: 'loan', status: 'returned', requesterId: 'u-zhang', reason: '续签合同需查阅原件', decidedAt: t('2025-04-02T12:00:00+08:00'), ...at('2025-04-01T09:00:00+08:00') }],
    attachments: [
      { name: '框架协议2025.pdf', kind: 'contract', size: 2_483_000, createdBy: 'u-li', note: '盖章版', ...at('2025-03-01T09:00:00+08:00') },
      { name: '营业执照.jpg', kind: 'idCopy', size: 845_000, createdBy: 'u-li', ...at('2024-03-18T09:40:00+08:00') },
    ],
    names,
  };
}

export function labelData(variant: 'sheet' | 'spine', count = 14): PrintData {
  const surnames = ['赵', '钱', '孙', '李', '周', '吴', '郑', '王', '冯', '陈', '褚', '卫', '蒋', '沈', '韩', '杨'];
  return {
    model: 'archive-label',
    variant,
    customers: Array.from({ length: count }, (_, i) => ({
      id: `01JC8Y3ZQ7K2M4N6P8R0S2T${String(i).padStart(3, '0')}`,
      code: `KH-2025-${String(i + 1).padStart(4, '0')}`,
      name: i === 1 ? HOSTILE : i % 3 === 0 ? `${surnames[i % surnames.length]}氏商贸有限公司` : `${surnames[i % surnames.length]}明华`,
      type: i % 3 === 0 ? 'enterprise' : 'individual',
      archiveStatus: i === 2 ? 'retired' : 'active',
      location: { cabinet: String.fromCharCode(65 + (i % 3)), shelf: String(1 + (i % 5)), box: String(10 + i) },
    })),
  };
}

export function catalogData(year = 2024): PrintData {
  const reasons = ['合同到期未续签', '客户注销', '迁出本区域', '长期无往来', HOSTILE];
  return {
    model: 'archive-catalog',
    year,
    customers: [
      ...Array.from({ length: 40 }, (_, i) => ({
        id: `r${i}`,
        code: `KH-2019-${String(100 + i).padStart(4, '0')}`,
        name: i === 4 ? `退档客户${HOSTILE}` : `退档客户${i + 1}号商行`,
        type: (i % 2 ? 'individual' : 'enterprise') as 'individual' | 'enterprise',
        archiveStatus: 'retired' as const,
        retiredAt: t(`${year}-${String(1 + (i % 12)).padStart(2, '0')}-15T10:00:00+08:00`),
        retiredReason: reasons[i % reasons.length],
        location: { cabinet: 'R', shelf: String(1 + (i % 2)), box: String(1 + Math.floor(i / 10)) },
        ownerId: 'u-zhang',
      })),
      // Not in the catalog: another year, and a customer still active.
      { id: 'x1', code: 'KH-X-1', name: '去年退档的客户', type: 'individual', archiveStatus: 'retired', retiredAt: t(`${year - 1}-12-31T23:00:00+08:00`), location: { cabinet: 'R', shelf: '1', box: '1' }, ownerId: 'u-zhang' },
      { id: 'x2', code: 'KH-X-2', name: '仍在档的客户', type: 'individual', archiveStatus: 'active', location: { cabinet: 'A', shelf: '1', box: '1' }, ownerId: 'u-zhang' },
    ],
    names,
  };
}
