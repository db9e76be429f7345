import type { RxJsonSchema } from 'rxdb';
import {
  auditProperties,
  auditRequired,
  enumField,
  idField,
  longText,
  refField,
  shortText,
  stringList,
  timeField,
  type AuditFields,
} from './common';

export const CUSTOMER_TYPES = ['individual', 'enterprise'] as const;
export const LIFECYCLES = ['prospect', 'new', 'active', 'dormant'] as const;
export const ACTIVITY_LEVELS = ['high', 'medium', 'low'] as const;
export const MEMBERSHIP_TIERS = ['none', 'silver', 'gold', 'platinum'] as const;
export const ARCHIVE_STATUSES = ['active', 'retired'] as const;
export const ADDRESS_KINDS = ['registered', 'office', 'home', 'delivery', 'other'] as const;

export type CustomerType = (typeof CUSTOMER_TYPES)[number];
export type Lifecycle = (typeof LIFECYCLES)[number];
export type ActivityLevel = (typeof ACTIVITY_LEVELS)[number];
export type MembershipTier = (typeof MEMBERSHIP_TIERS)[number];
export type ArchiveStatus = (typeof ARCHIVE_STATUSES)[number];
export type AddressKind = (typeof ADDRESS_KINDS)[number];

export interface Contact {
  id: string;
  name: string;
  title?: string;
  mobile?: string;
  phone?: string;
  email?: string;
  isPrimary: boolean;
  isEmergency: boolean;
  relation?: string;
  note?: string;
}

export interface Address {
  id: string;
  kind: AddressKind;
  province?: string;
  city?: string;
  district?: string;
  detail: string;
  postalCode?: string;
}

/** One entry of the archive-status history (append-only, merged as a union by id). */
export interface StatusChange {
  id: string;
  at: number;
  by: string;
  from: ArchiveStatus;
  to: ArchiveStatus;
  reason: string;
}

export interface FileLocation {
  cabinet: string;
  shelf: string;
  box: string;
}

export interface CustomerDoc extends AuditFields {
  id: string;
  /** 客户编号, unique across laptops (see shared/customers/code.ts). */
  code: string;
  type: CustomerType;
  name: string;
  /** Full pinyin without tones or spaces, clipped to 120 characters, for sorting and search. */
  namePinyin: string;
  nameInitials: string;
  companyName?: string;
  /** 统一社会信用代码, enterprises only. */
  creditCode?: string;
  /** Resident ID number, individuals only; sensitive. */
  idNumber?: string;
  birthday?: string;
  contacts: Contact[];
  addresses: Address[];
  lifecycle: Lifecycle;
  activityLevel: ActivityLevel;
  industry: string;
  region: string;
  sourceChannel?: string;
  tags: string[];
  ownerId: string;
  teamId: string;
  membershipTier: MembershipTier;
  points: number;
  archiveStatus: ArchiveStatus;
  retiredAt?: number;
  retiredReason?: string;
  statusHistory: StatusChange[];
  location: FileLocation;
  /** Last visit done (0 when never), denormalised for the status list. */
  lastVisitAt: number;
  /** Next open task due (0 when none), denormalised for the status list. */
  nextTaskAt: number;
  reviewDueAt?: number;
  note?: string;
}

export const customerSchema: RxJsonSchema<CustomerDoc> = {
  title: 'customers',
  description: 'The archive core (一户一档)',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField,
    code: shortText(32),
    type: enumField(CUSTOMER_TYPES),
    name: shortText(100),
    namePinyin: shortText(120),
    nameInitials: shortText(100),
    companyName: shortText(200),
    creditCode: shortText(18),
    idNumber: shortText(18),
    birthday: shortText(10),
    contacts: {
      type: 'array',
      maxItems: 50,
      items: {
        type: 'object',
        properties: {
          id: idField,
          name: shortText(100),
          title: shortText(100),
          mobile: shortText(32),
          phone: shortText(32),
          email: shortText(200),
          isPrimary: { type: 'boolean' },
          isEmergency: { type: 'boolean' },
          relation: shortText(50),
          note: shortText(500),
        },
        required: ['id', 'name', 'isPrimary', 'isEmergency'],
      },
    },
    addresses: {
      type: 'array',
      maxItems: 20,
      items: {
        type: 'object',
        properties: {
          id: idField,
          kind: enumField(ADDRESS_KINDS),
          province: shortText(50),
          city: shortText(50),
          district: shortText(50),
          detail: shortText(300),
          postalCode: shortText(10),
        },
        required: ['id', 'kind', 'detail'],
      },
    },
    lifecycle: enumField(LIFECYCLES),
    activityLevel: enumField(ACTIVITY_LEVELS),
    industry: shortText(64),
    region: shortText(64),
    sourceChannel: shortText(64),
    tags: stringList(30, 32),
    ownerId: refField,
    teamId: refField,
    membershipTier: enumField(MEMBERSHIP_TIERS),
    points: { type: 'integer', minimum: 0 },
    archiveStatus: enumField(ARCHIVE_STATUSES),
    retiredAt: timeField,
    retiredReason: shortText(500),
    statusHistory: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: idField,
          at: timeField,
          by: refField,
          from: enumField(ARCHIVE_STATUSES),
          to: enumField(ARCHIVE_STATUSES),
          reason: shortText(500),
        },
        required: ['id', 'at', 'by', 'from', 'to', 'reason'],
      },
    },
    location: {
      type: 'object',
      properties: { cabinet: shortText(32), shelf: shortText(32), box: shortText(32) },
      required: ['cabinet', 'shelf', 'box'],
    },
    lastVisitAt: timeField,
    nextTaskAt: timeField,
    reviewDueAt: timeField,
    note: longText,
    ...auditProperties,
  },
  required: [
    'id',
    'code',
    'type',
    'name',
    'namePinyin',
    'nameInitials',
    'contacts',
    'addresses',
    'lifecycle',
    'activityLevel',
    'industry',
    'region',
    'tags',
    'ownerId',
    'teamId',
    'membershipTier',
    'points',
    'archiveStatus',
    'statusHistory',
    'location',
    'lastVisitAt',
    'nextTaskAt',
    ...auditRequired,
  ],
  indexes: [
    'code',
    ['archiveStatus', 'code'],
    ['archiveStatus', 'namePinyin'],
    ['archiveStatus', 'ownerId', 'code'],
    ['archiveStatus', 'lifecycle', 'code'],
    ['archiveStatus', 'lastVisitAt', 'code'],
    ['updatedAt', 'id'],
  ],
  // Personal data, encrypted at rest on the laptop (DESIGN.md, Security); lists never filter
  // on these, and search reads them from the in-memory index, never from a query.
  encrypted: ['idNumber', 'contacts', 'addresses'],
};
