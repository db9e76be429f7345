import { pinyin } from 'pinyin-pro';
import { newId } from '../../src/shared/ids';
import type { CustomerDoc } from '../../src/shared/schema';

/** Deterministic pseudo-random numbers (mulberry32): the same seed gives the same documents. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国文辉玲红梅鑫波斌宇浩凯健俊帆帅旭宁龙林欣佳雪琳晶莉婷子涵思远志强海燕春梅';
const COMPANY_WORDS = [
  '华兴',
  '恒达',
  '鑫源',
  '东方',
  '瑞丰',
  '联创',
  '金盛',
  '新世纪',
  '宏远',
  '永安',
];
const COMPANY_KINDS = ['贸易有限公司', '电器有限公司', '科技有限公司', '商贸行', '家电城'];
const PROVINCES = [
  ['浙江', '杭州', '西湖区'],
  ['江苏', '南京', '鼓楼区'],
  ['广东', '广州', '天河区'],
  ['四川', '成都', '武侯区'],
  ['山东', '济南', '历下区'],
  ['湖北', '武汉', '江汉区'],
] as const;
const INDUSTRIES = ['retail', 'hotel', 'restaurant', 'school', 'hospital', 'factory', 'household'];
const TAGS = ['VIP', '老客户', '节日关怀', '价格敏感', '需回访', '团购', '转介绍'];
const LIFECYCLES = ['prospect', 'new', 'active', 'dormant'] as const;
const LEVELS = ['high', 'medium', 'low'] as const;
const TIERS = ['none', 'silver', 'gold', 'platinum'] as const;

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)] as T;
}

function mobile(rand: () => number): string {
  return `1${pick(rand, ['3', '5', '7', '8', '9'])}${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`;
}

/** Customers as the renderer writes them: valid under the shared schema, about 1.5 KB each. */
export function makeCustomer(
  rand: () => number,
  index: number,
  ownerId: string,
  teamId: string,
): CustomerDoc {
  const person =
    pick(rand, [...SURNAMES]) +
    pick(rand, [...GIVEN]) +
    (rand() < 0.6 ? pick(rand, [...GIVEN]) : '');
  const enterprise = rand() < 0.3;
  const name = enterprise ? `${pick(rand, COMPANY_WORDS)}${pick(rand, COMPANY_KINDS)}` : person;
  const syllables = pinyin(name, { toneType: 'none', type: 'array' });
  const [province, city, district] = pick(rand, PROVINCES);
  const now = Date.UTC(2026, 0, 1) + Math.floor(rand() * 300 * 86_400_000);
  const contacts = Array.from({ length: 1 + Math.floor(rand() * 3) }, (_, i) => ({
    id: newId(now + i),
    name: i === 0 ? person : pick(rand, [...SURNAMES]) + pick(rand, [...GIVEN]),
    title: pick(rand, ['经理', '采购', '店长', '本人', '财务']),
    mobile: mobile(rand),
    isPrimary: i === 0,
    isEmergency: i === 1,
  }));
  return {
    id: newId(now),
    code: `KH${String(index).padStart(7, '0')}`,
    type: enterprise ? 'enterprise' : 'individual',
    name,
    namePinyin: syllables.join('').slice(0, 120),
    nameInitials: syllables.map((s) => s[0] ?? '').join(''),
    ...(enterprise
      ? { companyName: name, creditCode: `91330100${String(index).padStart(10, '0')}` }
      : {}),
    contacts,
    addresses: [
      {
        id: newId(now + 10),
        kind: enterprise ? 'office' : 'home',
        province,
        city,
        district,
        detail: `${pick(rand, ['文三路', '解放路', '人民路', '中山路'])}${1 + Math.floor(rand() * 999)}号`,
        postalCode: String(310000 + Math.floor(rand() * 9999)),
      },
    ],
    lifecycle: pick(rand, LIFECYCLES),
    activityLevel: pick(rand, LEVELS),
    industry: pick(rand, INDUSTRIES),
    region: city,
    sourceChannel: pick(rand, ['展会', '转介绍', '电话', '门店']),
    tags: TAGS.filter(() => rand() < 0.2),
    ownerId,
    teamId,
    membershipTier: pick(rand, TIERS),
    points: Math.floor(rand() * 20000),
    archiveStatus: 'active',
    statusHistory: [],
    location: {
      cabinet: `C${1 + Math.floor(rand() * 20)}`,
      shelf: String(1 + Math.floor(rand() * 6)),
      box: String(1 + Math.floor(rand() * 40)).padStart(2, '0'),
    },
    lastVisitAt: rand() < 0.7 ? now - Math.floor(rand() * 90 * 86_400_000) : 0,
    nextTaskAt: 0,
    note: rand() < 0.5 ? '客户对售后响应速度比较满意，希望下季度安排上门保养。' : undefined,
    createdAt: now,
    createdBy: ownerId,
    updatedAt: now,
    updatedBy: ownerId,
  };
}
