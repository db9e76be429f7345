import { codeDay, CREDIT_CODE_ALPHABET, creditCodeCheckChar, formatCustomerCode, idNumberCheckChar, nameKeys } from '../../../../shared/customers';
import { newId } from '../../../../shared/ids';
import type { Address, Contact, CustomerDoc, StatusChange } from '../../../../shared/schema';
import * as data from './demo-data';
import { Random } from './random';

const DAY = 86_400_000;

export interface DemoOptions {
  seed: number;
  /** Device prefix of the generated codes; each run takes its own, like a laptop. */
  device: string;
  /** Owners to spread customers over (staff ids with their team). */
  owners: readonly { id: string; teamId: string }[];
  now: number;
  /** Id generator (uuid v7 in the app). */
  newId?: (time: number) => string;
}

function personName(r: Random): string {
  const surname = r.chance(0.01) ? r.pick(data.DOUBLE_SURNAMES) : data.SURNAMES[Math.floor(r.next() ** 2 * data.SURNAMES.length)]!;
  const given = r.chance(0.7) ? r.pick([...data.GIVEN_CHARS]) + r.pick([...data.GIVEN_CHARS]) : r.pick([...data.GIVEN_CHARS]);
  return surname + given;
}

function mobile(r: Random): string {
  return r.pick(data.MOBILE_PREFIXES) + r.digits(8);
}

function landline(r: Random, place: data.Place): string {
  const length = place.areaCode.length === 3 ? 8 : r.chance(0.5) ? 8 : 7;
  return `${place.areaCode}-${r.int(2, 8)}${r.digits(length - 1)}`;
}

function creditCode(r: Random, place: data.Place): string {
  let body = `91${place.admin}${String(r.int(1, 12)).padStart(2, '0')}`;
  while (body.length < 17) body += CREDIT_CODE_ALPHABET[r.int(0, 30)]!;
  return body + creditCodeCheckChar(body)!;
}

function idNumber(r: Random, place: data.Place, now: number): { id: string; birthday: string } {
  const born = new Date(now - r.int(22 * 365, 70 * 365) * DAY);
  const birthday = born.toISOString().slice(0, 10);
  const body = `${place.admin}${String(r.int(1, 12)).padStart(2, '0')}${birthday.replace(/-/g, '')}${r.digits(3)}`;
  return { id: body + idNumberCheckChar(body)!, birthday };
}

function address(r: Random, place: data.Place, kind: Address['kind']): Address {
  const building = r.chance(0.5) ? `${r.pick(data.TRADE_NAMES)}${r.pick(data.BUILDINGS)}${r.int(1, 30)}层` : `${r.int(1, 20)}栋${r.int(1, 30)}0${r.int(1, 9)}室`;
  return {
    id: newId(),
    kind,
    province: place.province,
    city: place.city,
    district: r.pick(place.districts),
    detail: `${r.pick(data.ROADS)}${r.int(1, 999)}号${building}`,
    postalCode: `${place.postal}${r.digits(3)}`,
  };
}

function contactsOf(r: Random, name: string, enterprise: boolean, place: data.Place): Contact[] {
  const contacts: Contact[] = [];
  if (enterprise) {
    const count = r.int(1, 3);
    for (let i = 0; i < count; i++) {
      contacts.push({
        id: newId(),
        name: personName(r),
        title: r.pick(data.TITLES),
        mobile: mobile(r),
        ...(r.chance(0.5) ? { phone: landline(r, place) } : {}),
        ...(r.chance(0.3) ? { email: `${String.fromCharCode(97 + r.int(0, 25))}${r.digits(5)}@example.cn` } : {}),
        isPrimary: i === 0,
        isEmergency: false,
      });
    }
  } else {
    contacts.push({ id: newId(), name, relation: '本人', mobile: mobile(r), isPrimary: true, isEmergency: false });
  }
  if (r.chance(0.3)) {
    contacts.push({
      id: newId(),
      name: personName(r),
      relation: r.pick(data.RELATIONS),
      mobile: mobile(r),
      isPrimary: false,
      isEmergency: true,
    });
  }
  return contacts;
}

/** One realistic customer; `index` only spreads creation dates over the last six years. */
export function demoCustomer(r: Random, options: DemoOptions, sequenceOfDay: (day: string) => number): CustomerDoc {
  const { now } = options;
  const enterprise = r.chance(0.6);
  const place = r.pickCommon(data.PLACES);
  const createdAt = now - r.int(1, 6 * 365) * DAY - r.int(0, DAY - 1);
  const trade = r.pick(data.INDUSTRY_WORDS);
  const name = enterprise
    ? `${place.city.replace(/市$/, '')}${r.pick(data.TRADE_NAMES)}${trade.word}${r.pick(data.LEGAL_FORMS)}`
    : personName(r);
  const person = enterprise ? undefined : r.chance(0.5) ? idNumber(r, place, now) : undefined;
  const owner = r.pick(options.owners);
  const lifecycle = r.weighted({ prospect: 15, new: 15, active: 50, dormant: 20 });
  const retired = r.chance(0.04);
  const retiredAt = createdAt + Math.floor(r.next() * (now - createdAt));
  const retiredReason = r.pick(data.RETIRE_REASONS);
  const history: StatusChange[] = retired
    ? [{ id: newId(retiredAt), at: retiredAt, by: owner.id, from: 'active', to: 'retired', reason: retiredReason }]
    : [];
  const day = codeDay(createdAt);
  const tags = [...new Set(Array.from({ length: r.int(0, 3) }, () => r.pick(data.TAGS)))];
  const tier = r.weighted({ none: 50, silver: 25, gold: 18, platinum: 7 });
  return {
    id: (options.newId ?? newId)(createdAt),
    code: formatCustomerCode({ day, device: options.device, sequence: sequenceOfDay(day) }),
    type: enterprise ? 'enterprise' : 'individual',
    name,
    ...nameKeys(name, enterprise ? 'organization' : 'person'),
    ...(enterprise ? { creditCode: creditCode(r, place) } : {}),
    ...(!enterprise && r.chance(0.4) ? { companyName: `${place.city.replace(/市$/, '')}${r.pick(data.TRADE_NAMES)}${r.pick(data.INDUSTRY_WORDS).word}有限公司` } : {}),
    ...(person ? { idNumber: person.id, birthday: person.birthday } : {}),
    contacts: contactsOf(r, name, enterprise, place),
    addresses: enterprise ? [address(r, place, 'registered'), address(r, place, 'office')] : [address(r, place, 'home')],
    lifecycle,
    activityLevel: r.weighted({ high: 20, medium: 50, low: 30 }),
    industry: enterprise ? trade.industry : data.INDIVIDUAL_INDUSTRY,
    region: place.region,
    sourceChannel: r.pick(data.SOURCES),
    tags,
    ownerId: owner.id,
    teamId: owner.teamId,
    membershipTier: tier,
    points: tier === 'none' ? 0 : r.int(100, 50_000),
    archiveStatus: retired ? 'retired' : 'active',
    ...(retired ? { retiredAt, retiredReason } : {}),
    statusHistory: history,
    location: {
      cabinet: `${String.fromCharCode(65 + r.int(0, 7))}${r.int(1, 12)}`,
      shelf: String(r.int(1, 6)),
      box: String(r.int(1, 300)).padStart(3, '0'),
    },
    lastVisitAt: lifecycle === 'prospect' && r.chance(0.6) ? 0 : now - r.int(0, 720) * DAY - r.int(0, DAY - 1),
    nextTaskAt: r.chance(0.4) ? now + r.int(0, 60) * DAY : 0,
    createdAt,
    createdBy: owner.id,
    updatedAt: createdAt,
    updatedBy: owner.id,
  };
}

/** Generates `count` customers in slices (so a caller can write and yield between them). */
export function* demoCustomers(count: number, options: DemoOptions, sliceSize = 1000): Generator<CustomerDoc[]> {
  const r = new Random(options.seed);
  const sequences = new Map<string, number>();
  const next = (day: string) => {
    const value = (sequences.get(day) ?? 0) + 1;
    sequences.set(day, value);
    return value;
  };
  for (let done = 0; done < count; ) {
    const size = Math.min(sliceSize, count - done);
    yield Array.from({ length: size }, () => demoCustomer(r, options, next));
    done += size;
  }
}
