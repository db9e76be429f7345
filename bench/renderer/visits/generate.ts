import {
  atDescOf,
  type VisitDoc,
  type VisitPurpose,
  type VisitStatus,
} from '../../../src/shared/schema';

/** A small seeded generator (mulberry32), so every run writes the same visits. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const OUTCOMES = [
  '客户同意试用新款产品两套，下周确认订单数量',
  '收回三月份逾期货款八万元，余款约定月底前付清',
  '客户对上次安装服务表示满意，愿意推荐给同行',
  '了解到竞品近期降价约百分之五，客户仍倾向我方',
  '协助客户解决库存积压问题，调整了下季度进货计划',
  '经理陪同拜访，客户高层同意扩大合作范围',
];
const FEEDBACK = [
  '希望缩短安装等待时间',
  '售后响应速度满意',
  '对业务员的专业程度认可',
  '价格偏高，希望有阶梯折扣',
  '无',
];
const SUGGESTIONS = ['增加周末安装服务', '提供更详细的产品资料', '建立专门的对接群', '无'];
const PURPOSES: VisitPurpose[] = [
  'demonstration',
  'collection',
  'closing',
  'problemSolving',
  'complaint',
  'relationship',
  'opinion',
  'dealerStock',
  'marketIntel',
];
const STATUSES: VisitStatus[] = [
  'accepted',
  'accepted',
  'accepted',
  'submitted',
  'returned',
  'draft',
];
const DAY = 86_400_000;

export interface VisitGenOptions {
  customerIds: readonly { id: string; ownerId: string; teamId: string }[];
  now: number;
  random: () => number;
}

/** One realistic report; `index` keeps ids unique and ordered by creation. */
export function benchVisit(
  index: number,
  o: VisitGenOptions,
  customer = o.customerIds[Math.floor(o.random() * o.customerIds.length)]!,
): VisitDoc {
  const r = o.random;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
  const start = o.now - Math.floor(r() * 3 * 365) * DAY - Math.floor(r() * 9 * 3_600_000);
  const status = pick(STATUSES);
  const id = `bv-${index.toString(36).padStart(8, '0')}-${Math.floor(r() * 1e9).toString(36)}`;
  return {
    id,
    customerId: customer.id,
    ownerId: customer.ownerId,
    teamId: customer.teamId,
    status,
    contactName: '李经理',
    visitors: ['张伟'],
    startAt: start,
    endAt: start + 90 * 60_000,
    place: '杭州市西湖区文三路478号',
    purposes: [pick(PURPOSES), pick(PURPOSES)].filter((p, i, a) => a.indexOf(p) === i),
    outcomes: pick(OUTCOMES),
    feedback: pick(FEEDBACK),
    suggestions: pick(SUGGESTIONS),
    nextSteps: [],
    attachmentIds: [],
    amendments: [],
    ...(status === 'draft' ? {} : { submittedAt: start + 3 * 3_600_000 }),
    at: start,
    atDesc: atDescOf(start),
    createdAt: start,
    createdBy: customer.ownerId,
    updatedAt: start,
    updatedBy: customer.ownerId,
  };
}
