import { atDescOf } from '../../../src/shared/schema';
import type { DanganDatabase } from '../../../src/renderer/src/db/database';

const t0 = new Date('2025-03-01T12:00:00+08:00').getTime();

/** A small but varied profile: customers, credit, visits, cases, attachments, local drafts. */
export async function seedDatabase(db: DanganDatabase, attachmentHashes: string[]): Promise<void> {
  for (let i = 0; i < 25; i++) {
    await db.customers.insert({
      id: `cust-${String(i).padStart(3, '0')}`,
      code: `KH-${String(i).padStart(4, '0')}`,
      type: i % 2 ? 'individual' : 'enterprise',
      name: `客户${i}号 <img src=x onerror=alert(1)>`,
      namePinyin: `kehu${i}hao`,
      nameInitials: `kh${i}h`,
      idNumber: i % 2 ? '330106199001011234' : undefined,
      contacts: [{ id: `ct-${i}`, name: '王建国', mobile: '13800138000', isPrimary: true, isEmergency: false }],
      addresses: [{ id: `ad-${i}`, kind: 'office', detail: `文三路 ${i} 号` }],
      lifecycle: 'active',
      activityLevel: 'medium',
      industry: '家居',
      region: '华东',
      tags: ['重点'],
      ownerId: 'u-zhang',
      teamId: 't-east',
      membershipTier: 'gold',
      points: i * 10,
      archiveStatus: i === 3 ? 'retired' : 'active',
      statusHistory: [],
      location: { cabinet: 'A', shelf: '1', box: String(i) },
      lastVisitAt: 0,
      nextTaskAt: 0,
      note: '多行\n备注',
      createdAt: t0,
      createdBy: 'u-li',
      updatedAt: t0,
      updatedBy: 'u-li',
    });
  }
  await db.credit.insert({
    id: 'cr-1',
    customerId: 'cust-000',
    rating: 'A',
    limit: 500000,
    receivables: 1200.5,
    overdue: 0,
    overdueNotes: [],
    createdAt: t0,
    createdBy: 'u-li',
    updatedAt: t0,
    updatedBy: 'u-li',
  });
  await db.visits.insert({
    id: 'v-1',
    customerId: 'cust-001',
    ownerId: 'u-zhang',
    teamId: 't-east',
    status: 'submitted',
    visitors: ['u-zhang'],
    purposes: ['demonstration'],
    outcomes: '确认下季度追加样品',
    nextSteps: [],
    attachmentIds: ['att-0'],
    amendments: [],
    at: t0,
    atDesc: atDescOf(t0),
    createdAt: t0,
    createdBy: 'u-zhang',
    updatedAt: t0,
    updatedBy: 'u-zhang',
  });
  await db.attachments.bulkInsert(
    attachmentHashes.map((sha256, i) => ({
      id: `att-${i}`,
      sha256,
      name: `文件${i}.pdf`,
      mime: 'application/pdf',
      size: 100 + i,
      kind: 'contract' as const,
      customerId: 'cust-001',
      recordCollection: 'customers' as const,
      recordId: 'cust-001',
      at: t0 + i,
      atDesc: atDescOf(t0 + i),
      createdAt: t0,
      createdBy: 'u-li',
      updatedAt: t0,
      updatedBy: 'u-li',
    })),
  );
  await db.local.insert({
    id: 'draft-1',
    kind: 'draft',
    userId: 'u-zhang',
    key: 'visit-form',
    data: { outcomes: '未保存的走访记录' },
    at: t0,
    atDesc: atDescOf(t0),
    createdAt: t0,
    createdBy: 'u-zhang',
    updatedAt: t0,
    updatedBy: 'u-zhang',
  });
}
