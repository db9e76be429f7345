import type {
  ActivityLevel,
  ArchiveStatus,
  CustomerDoc,
  CustomerType,
  Lifecycle,
  MembershipTier,
} from '../../../../shared/schema';
import type { SearchSource } from '../search/search-index';
import type { ListedCustomer } from './raw-read';

/** One line of the status list (客户状况一览表): what it shows, filters and sorts by. */
export interface CustomerRow {
  id: string;
  code: string;
  type: CustomerType;
  name: string;
  namePinyin: string;
  ownerId: string;
  teamId: string;
  lifecycle: Lifecycle;
  activityLevel: ActivityLevel;
  industry: string;
  region: string;
  tags: readonly string[];
  archiveStatus: ArchiveStatus;
  membershipTier: MembershipTier;
  lastVisitAt: number;
  nextTaskAt: number;
  updatedAt: number;
}

/**
 * One shared copy of each repeated value (owner, industry, region, tag, enum values): read
 * from IndexedDB every document brings its own copies, which at 100k rows is tens of MB of
 * identical strings for the garbage collector to walk.
 */
const pool = new Map<string, string>();
const POOLED = 20_000;
function shared<T extends string>(value: T): T {
  const known = pool.get(value);
  if (known !== undefined) return known as T;
  if (pool.size < POOLED) pool.set(value, value);
  return value;
}

/** Tag lists too: most customers carry one of a few combinations, and each copy is an object. */
const tagPool = new Map<string, readonly string[]>();
const NO_TAGS: readonly string[] = Object.freeze([]);
function sharedTags(tags: readonly string[]): readonly string[] {
  if (tags.length === 0) return NO_TAGS;
  const key = tags.join('\u0000');
  const known = tagPool.get(key);
  if (known) return known;
  const list = Object.freeze(tags.map(shared));
  if (tagPool.size < POOLED) tagPool.set(key, list);
  return list;
}

export function rowOf(doc: ListedCustomer): CustomerRow {
  return {
    id: doc.id,
    code: doc.code,
    type: shared(doc.type),
    name: doc.name,
    namePinyin: doc.namePinyin,
    ownerId: shared(doc.ownerId),
    teamId: shared(doc.teamId),
    lifecycle: shared(doc.lifecycle),
    activityLevel: shared(doc.activityLevel),
    industry: shared(doc.industry),
    region: shared(doc.region),
    tags: sharedTags(doc.tags),
    archiveStatus: shared(doc.archiveStatus),
    membershipTier: shared(doc.membershipTier),
    lastVisitAt: doc.lastVisitAt,
    nextTaskAt: doc.nextTaskAt,
    updatedAt: doc.updatedAt,
  };
}

/**
 * What search knows of a customer. A document read under the encryption wrapper carries its
 * contacts as ciphertext (not an array): then only the plain fields are indexed.
 */
export function searchSourceOf(doc: ListedCustomer & { contacts?: CustomerDoc['contacts'] | string }): SearchSource {
  const { phones, contactNames } = contactFields(Array.isArray(doc.contacts) ? doc.contacts : []);
  return {
    id: doc.id,
    name: doc.name,
    namePinyin: doc.namePinyin,
    nameInitials: doc.nameInitials,
    code: doc.code,
    companyName: doc.companyName ?? '',
    creditCode: doc.creditCode ?? '',
    phones,
    contactNames,
    retired: doc.archiveStatus === 'retired',
  };
}

/** The searchable part of contacts: every mobile and landline, every name. */
export function contactFields(contacts: CustomerDoc['contacts']): { phones: string[]; contactNames: string[] } {
  const phones: string[] = [];
  for (const c of contacts) {
    if (c.mobile) phones.push(c.mobile);
    if (c.phone) phones.push(c.phone);
  }
  return { phones, contactNames: contacts.map((c) => c.name) };
}
