import { z } from 'zod';
import {
  ACTIVITY_LEVELS,
  ADDRESS_KINDS,
  CUSTOMER_TYPES,
  LIFECYCLES,
  MEMBERSHIP_TIERS,
} from '../schema/customers';
import { isValidCreditCode } from './credit-code';
import { birthDateOfIdNumber, isValidIdNumber } from './id-number';
import { isLandline, isMainlandMobile } from './phone';

/**
 * The customer form as the user fills it (empty optional fields are ''), shared by the
 * renderer form, the Excel import and, later, the server. Messages are i18n keys in the
 * `customers` namespace so each side shows them in its own language.
 */
export const VALIDATION = {
  required: 'customers:validation.required',
  tooLong: 'customers:validation.tooLong',
  mobile: 'customers:validation.mobile',
  landline: 'customers:validation.landline',
  email: 'customers:validation.email',
  creditCode: 'customers:validation.creditCode',
  creditCodeRequired: 'customers:validation.creditCodeRequired',
  idNumber: 'customers:validation.idNumber',
  birthday: 'customers:validation.birthday',
  birthdayMismatch: 'customers:validation.birthdayMismatch',
  postalCode: 'customers:validation.postalCode',
  contactReachable: 'customers:validation.contactReachable',
  contactsRequired: 'customers:validation.contactsRequired',
  onePrimary: 'customers:validation.onePrimary',
  points: 'customers:validation.points',
  tag: 'customers:validation.tag',
} as const;

const text = (max: number) => z.string().trim().max(max, VALIDATION.tooLong);
const requiredText = (max: number) => text(max).min(1, VALIDATION.required);
const optionalMatching = (max: number, test: (v: string) => boolean, message: string) =>
  text(max).refine((v) => v === '' || test(v), message);

export const contactInputSchema = z
  .object({
    id: z.string().min(1).max(40),
    name: requiredText(100),
    title: text(100),
    mobile: optionalMatching(32, isMainlandMobile, VALIDATION.mobile),
    phone: optionalMatching(32, isLandline, VALIDATION.landline),
    email: optionalMatching(200, (v) => z.email().safeParse(v).success, VALIDATION.email),
    isPrimary: z.boolean(),
    isEmergency: z.boolean(),
    relation: text(50),
    note: text(500),
  })
  .superRefine((c, ctx) => {
    if (c.mobile.trim() === '' && c.phone.trim() === '') {
      ctx.addIssue({ code: 'custom', path: ['mobile'], message: VALIDATION.contactReachable });
    }
  });

export const addressInputSchema = z.object({
  id: z.string().min(1).max(40),
  kind: z.enum(ADDRESS_KINDS),
  province: text(50),
  city: text(50),
  district: text(50),
  detail: requiredText(300),
  postalCode: optionalMatching(10, (v) => /^\d{6}$/.test(v), VALIDATION.postalCode),
});

export const customerFormSchema = z
  .object({
    type: z.enum(CUSTOMER_TYPES),
    name: requiredText(100),
    companyName: text(200),
    creditCode: text(18),
    idNumber: text(18),
    birthday: optionalMatching(10, (v) => /^\d{4}-\d{2}-\d{2}$/.test(v), VALIDATION.birthday),
    contacts: z.array(contactInputSchema).min(1, VALIDATION.contactsRequired).max(50, VALIDATION.tooLong),
    addresses: z.array(addressInputSchema).max(20, VALIDATION.tooLong),
    lifecycle: z.enum(LIFECYCLES),
    activityLevel: z.enum(ACTIVITY_LEVELS),
    industry: text(64),
    region: text(64),
    sourceChannel: text(64),
    tags: z.array(text(32).min(1, VALIDATION.tag)).max(30, VALIDATION.tooLong),
    ownerId: requiredText(40),
    membershipTier: z.enum(MEMBERSHIP_TIERS),
    points: z.number({ error: VALIDATION.points }).int(VALIDATION.points).min(0, VALIDATION.points),
    location: z.object({ cabinet: text(32), shelf: text(32), box: text(32) }),
    note: text(2000),
  })
  .superRefine((v, ctx) => {
    if (v.type === 'enterprise') {
      if (v.creditCode.trim() === '') {
        ctx.addIssue({ code: 'custom', path: ['creditCode'], message: VALIDATION.creditCodeRequired });
      } else if (!isValidCreditCode(v.creditCode)) {
        ctx.addIssue({ code: 'custom', path: ['creditCode'], message: VALIDATION.creditCode });
      }
    } else if (v.idNumber.trim() !== '') {
      if (!isValidIdNumber(v.idNumber)) {
        ctx.addIssue({ code: 'custom', path: ['idNumber'], message: VALIDATION.idNumber });
      } else if (v.birthday !== '' && birthDateOfIdNumber(v.idNumber) !== v.birthday) {
        ctx.addIssue({ code: 'custom', path: ['birthday'], message: VALIDATION.birthdayMismatch });
      }
    }
    const primaries = v.contacts.filter((c) => c.isPrimary).length;
    if (v.contacts.length > 0 && primaries !== 1) {
      ctx.addIssue({ code: 'custom', path: ['contacts'], message: VALIDATION.onePrimary });
    }
  });

export type CustomerFormValues = z.input<typeof customerFormSchema>;
export type ContactInput = z.input<typeof contactInputSchema>;
export type AddressInput = z.input<typeof addressInputSchema>;
