import type { Address, Contact, CustomerDoc } from '../schema/customers';
import { normalizeCreditCode } from './credit-code';
import type { AddressInput, ContactInput, CustomerFormValues } from './form';
import { normalizeIdNumber } from './id-number';
import { normalizeLandline, normalizeMobile } from './phone';
import { nameKeys } from './pinyin';

/** The part of a customer that the form edits. */
export type CustomerFields = Pick<
  CustomerDoc,
  | 'type'
  | 'name'
  | 'namePinyin'
  | 'nameInitials'
  | 'companyName'
  | 'creditCode'
  | 'idNumber'
  | 'birthday'
  | 'contacts'
  | 'addresses'
  | 'lifecycle'
  | 'activityLevel'
  | 'industry'
  | 'region'
  | 'sourceChannel'
  | 'tags'
  | 'ownerId'
  | 'membershipTier'
  | 'points'
  | 'location'
  | 'note'
>;

/** Optional document fields are absent, never empty strings. */
function optional<K extends string>(key: K, value: string): Partial<Record<K, string>> {
  const trimmed = value.trim();
  return trimmed === '' ? {} : ({ [key]: trimmed } as Record<K, string>);
}

function contactFromInput(c: ContactInput): Contact {
  return {
    id: c.id,
    name: c.name.trim(),
    ...optional('title', c.title),
    ...optional('mobile', normalizeMobile(c.mobile) ?? c.mobile),
    ...optional('phone', normalizeLandline(c.phone) ?? c.phone),
    ...optional('email', c.email.toLowerCase()),
    isPrimary: c.isPrimary,
    isEmergency: c.isEmergency,
    ...optional('relation', c.relation),
    ...optional('note', c.note),
  };
}

function addressFromInput(a: AddressInput): Address {
  return {
    id: a.id,
    kind: a.kind,
    ...optional('province', a.province),
    ...optional('city', a.city),
    ...optional('district', a.district),
    detail: a.detail.trim(),
    ...optional('postalCode', a.postalCode),
  };
}

/** Validated form values → document fields (canonical phones, upper-case codes, pinyin keys). */
export function customerFieldsFromForm(v: CustomerFormValues): CustomerFields {
  const name = v.name.trim();
  const enterprise = v.type === 'enterprise';
  return {
    type: v.type,
    name,
    ...nameKeys(name, enterprise ? 'organization' : 'person'),
    ...optional('companyName', v.companyName),
    ...(enterprise ? optional('creditCode', normalizeCreditCode(v.creditCode)) : {}),
    ...(enterprise ? {} : optional('idNumber', normalizeIdNumber(v.idNumber))),
    ...(enterprise ? {} : optional('birthday', v.birthday)),
    contacts: v.contacts.map(contactFromInput),
    addresses: v.addresses.map(addressFromInput),
    lifecycle: v.lifecycle,
    activityLevel: v.activityLevel,
    industry: v.industry.trim(),
    region: v.region.trim(),
    ...optional('sourceChannel', v.sourceChannel),
    tags: [...new Set(v.tags.map((t) => t.trim()).filter((t) => t !== ''))],
    ownerId: v.ownerId,
    membershipTier: v.membershipTier,
    points: v.points ?? 0,
    location: {
      cabinet: v.location.cabinet.trim(),
      shelf: v.location.shelf.trim(),
      box: v.location.box.trim(),
    },
    ...optional('note', v.note),
  };
}

export function formFromCustomer(doc: CustomerDoc): CustomerFormValues {
  return {
    type: doc.type,
    name: doc.name,
    companyName: doc.companyName ?? '',
    creditCode: doc.creditCode ?? '',
    idNumber: doc.idNumber ?? '',
    birthday: doc.birthday ?? '',
    contacts: doc.contacts.map((c) => ({
      id: c.id,
      name: c.name,
      title: c.title ?? '',
      mobile: c.mobile ?? '',
      phone: c.phone ?? '',
      email: c.email ?? '',
      isPrimary: c.isPrimary,
      isEmergency: c.isEmergency,
      relation: c.relation ?? '',
      note: c.note ?? '',
    })),
    addresses: doc.addresses.map((a) => ({
      id: a.id,
      kind: a.kind,
      province: a.province ?? '',
      city: a.city ?? '',
      district: a.district ?? '',
      detail: a.detail,
      postalCode: a.postalCode ?? '',
    })),
    lifecycle: doc.lifecycle,
    activityLevel: doc.activityLevel,
    industry: doc.industry,
    region: doc.region,
    sourceChannel: doc.sourceChannel ?? '',
    tags: [...doc.tags],
    ownerId: doc.ownerId,
    membershipTier: doc.membershipTier,
    points: doc.points,
    location: { ...doc.location },
    note: doc.note ?? '',
  };
}

export function emptyContact(id: string, isPrimary: boolean): ContactInput {
  return { id, name: '', title: '', mobile: '', phone: '', email: '', isPrimary, isEmergency: false, relation: '', note: '' };
}

export function emptyCustomerForm(ownerId: string, contactId: string): CustomerFormValues {
  return {
    type: 'enterprise',
    name: '',
    companyName: '',
    creditCode: '',
    idNumber: '',
    birthday: '',
    contacts: [emptyContact(contactId, true)],
    addresses: [],
    lifecycle: 'prospect',
    activityLevel: 'medium',
    industry: '',
    region: '',
    sourceChannel: '',
    tags: [],
    ownerId,
    membershipTier: 'none',
    points: 0,
    location: { cabinet: '', shelf: '', box: '' },
    note: '',
  };
}

/** A complete new document; its audit times are zero until the write layer stamps them. */
export function newCustomerDoc(
  fields: CustomerFields,
  meta: { id: string; code: string; teamId: string; userId: string },
): CustomerDoc {
  return {
    id: meta.id,
    code: meta.code,
    ...fields,
    teamId: meta.teamId,
    archiveStatus: 'active',
    statusHistory: [],
    lastVisitAt: 0,
    nextTaskAt: 0,
    createdAt: 0,
    createdBy: meta.userId,
    updatedAt: 0,
    updatedBy: meta.userId,
  };
}
