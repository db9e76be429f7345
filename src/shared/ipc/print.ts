import { z } from 'zod';
import {
  ADDRESS_KINDS,
  ARCHIVE_STATUSES,
  ATTACHMENT_KINDS,
  AT_DESC_BASE,
  CASE_KINDS,
  CASE_STATUSES,
  COMPLAINT_TYPES,
  CREDIT_RATINGS,
  CUSTOMER_TYPES,
  ACTIVITY_LEVELS,
  LIFECYCLES,
  MEMBERSHIP_TIERS,
  REQUEST_KINDS,
  REQUEST_STATUSES,
  TRANSACTION_KINDS,
  VISIT_PURPOSES,
  VISIT_STATUSES,
} from '../schema';
import { visitMonthDataSchema, visitReportBlankDataSchema, visitReportDataSchema } from '../visits/print-data';
import { LOCALES } from './app';
import { channel } from './define';

/**
 * What each printed form needs, validated in main. The renderer reads the database and may
 * pass whole documents: object schemas here strip the fields a form does not print.
 * Adding a form: add its data schema to `printDataSchema`, a model builder in
 * src/main/print/models/, and a folder in resources/templates/.
 */
const text = (max: number) => z.string().max(max);
const maybe = (max: number) => z.string().max(max).optional();
const time = z.number().int().min(0).max(AT_DESC_BASE);
const id = z.string().min(1).max(40);

const location = z.object({ cabinet: text(32), shelf: text(32), box: text(32) });

export const printCustomerSchema = z.object({
  id,
  code: text(32),
  type: z.enum(CUSTOMER_TYPES),
  name: text(100),
  companyName: maybe(200),
  creditCode: maybe(18),
  idNumber: maybe(18),
  birthday: maybe(10),
  contacts: z
    .array(
      z.object({
        name: text(100),
        title: maybe(100),
        mobile: maybe(32),
        phone: maybe(32),
        email: maybe(200),
        isPrimary: z.boolean(),
        isEmergency: z.boolean(),
        relation: maybe(50),
        note: maybe(500),
      }),
    )
    .max(50),
  addresses: z
    .array(
      z.object({
        kind: z.enum(ADDRESS_KINDS),
        province: maybe(50),
        city: maybe(50),
        district: maybe(50),
        detail: text(300),
        postalCode: maybe(10),
      }),
    )
    .max(20),
  lifecycle: z.enum(LIFECYCLES),
  activityLevel: z.enum(ACTIVITY_LEVELS),
  industry: text(64),
  region: text(64),
  sourceChannel: maybe(64),
  tags: z.array(text(32)).max(30),
  ownerId: text(40),
  teamId: text(40),
  membershipTier: z.enum(MEMBERSHIP_TIERS),
  points: z.number().int().min(0),
  archiveStatus: z.enum(ARCHIVE_STATUSES),
  retiredAt: time.optional(),
  retiredReason: maybe(500),
  statusHistory: z
    .array(
      z.object({
        at: time,
        by: text(40),
        from: z.enum(ARCHIVE_STATUSES),
        to: z.enum(ARCHIVE_STATUSES),
        reason: text(500),
      }),
    )
    .max(500),
  location,
  lastVisitAt: time,
  note: maybe(20_000),
  createdAt: time,
  createdBy: text(40),
  updatedAt: time,
});

const many = <T extends z.ZodType>(item: T) => z.array(item).max(5000).default([]);

export const customerSheetDataSchema = z.object({
  model: z.literal('customer-sheet'),
  customer: printCustomerSchema,
  credit: z
    .object({
      rating: z.enum(CREDIT_RATINGS),
      limit: z.number(),
      receivables: z.number(),
      overdue: z.number(),
      reviewedAt: time.optional(),
    })
    .optional(),
  transactions: many(
    z.object({
      kind: z.enum(TRANSACTION_KINDS),
      productModel: maybe(100),
      serialNo: maybe(100),
      quantity: z.number().int().min(0).optional(),
      amount: z.number(),
      warrantyUntil: time.optional(),
      note: maybe(2000),
      at: time,
    }),
  ),
  visits: many(
    z.object({
      status: z.enum(VISIT_STATUSES),
      at: time,
      place: maybe(300),
      purposes: z.array(z.enum(VISIT_PURPOSES)).max(10),
      contactName: maybe(100),
      outcomes: maybe(20_000),
      ownerId: text(40),
    }),
  ),
  cases: many(
    z.object({
      kind: z.enum(CASE_KINDS),
      complaintType: z.enum(COMPLAINT_TYPES).optional(),
      status: z.enum(CASE_STATUSES),
      title: text(200),
      at: time,
      assigneeId: text(40),
      resolvedAt: time.optional(),
    }),
  ),
  requests: many(
    z.object({
      kind: z.enum(REQUEST_KINDS),
      status: z.enum(REQUEST_STATUSES),
      at: time,
      requesterId: text(40),
      reason: text(20_000),
      decidedAt: time.optional(),
    }),
  ),
  attachments: many(
    z.object({
      name: text(255),
      kind: z.enum(ATTACHMENT_KINDS),
      size: z.number().int().min(0),
      at: time,
      createdBy: text(40),
      note: maybe(2000),
    }),
  ),
  /** Display names of the users and teams the documents refer to, by id. */
  names: z.record(z.string().max(40), z.string().max(100)).default({}),
});

const labelCustomer = z.object({
  id,
  code: text(32),
  name: text(100),
  type: z.enum(CUSTOMER_TYPES),
  archiveStatus: z.enum(ARCHIVE_STATUSES),
  location,
});

export const LABEL_VARIANTS = ['sheet', 'spine'] as const;

export const archiveLabelDataSchema = z.object({
  model: z.literal('archive-label'),
  /** `sheet`: an A4 sheet of stick-on labels; `spine`: strips for folder spines. */
  variant: z.enum(LABEL_VARIANTS).default('sheet'),
  customers: z.array(labelCustomer).min(1).max(1000),
});

export const archiveCatalogDataSchema = z.object({
  model: z.literal('archive-catalog'),
  year: z.number().int().min(2000).max(2200),
  customers: z
    .array(
      labelCustomer.extend({
        retiredAt: time.optional(),
        retiredReason: maybe(500),
        ownerId: text(40),
      }),
    )
    .max(20_000),
  names: z.record(z.string().max(40), z.string().max(100)).default({}),
});

export const printDataSchema = z.discriminatedUnion('model', [
  customerSheetDataSchema,
  archiveLabelDataSchema,
  archiveCatalogDataSchema,
  visitReportDataSchema,
  visitReportBlankDataSchema,
  visitMonthDataSchema,
]);
export type PrintData = z.input<typeof printDataSchema>;
export type PrintDataParsed = z.output<typeof printDataSchema>;
export type PrintModel = PrintDataParsed['model'];
export const PRINT_MODELS = [
  'customer-sheet',
  'archive-label',
  'archive-catalog',
  'visit-report',
  'visit-report-blank',
  'visit-month',
] as const satisfies readonly PrintModel[];

/** A form's folder name: lowercase words joined by dashes. */
export const formIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/);

export interface TemplateInfo {
  id: string;
  model: string;
  title: { 'zh-CN': string; en: string };
  source: 'builtin' | 'user';
  /** A user template that replaces the built-in form of the same name. */
  overridesBuiltin: boolean;
  /** Why a user template cannot be used (bad form.json, unknown model…). */
  problem?: string;
}

export interface PrintPreview {
  previewId: string;
  /** Where the app shows the PDF (main serves it read-only). */
  url: string;
  bytes: number;
  pages: number;
}

const previewId = z.string().regex(/^[0-9a-f]{32}$/);

export const printChannels = {
  'print:templates': channel(z.object({}).strict()).returns<TemplateInfo[]>(),
  /** Fills the form, renders an A4 PDF in a hidden window with JavaScript off. */
  'print:preview': channel(
    z
      .object({
        form: formIdSchema,
        data: printDataSchema,
        locale: z.enum(LOCALES).default('zh-CN'),
      })
      .strict(),
  ).returns<PrintPreview>(),
  'print:savePdf': channel(z.object({ previewId, name: z.string().min(1).max(200) }).strict()).returns<{
    saved: boolean;
  }>(),
  /** Sends the previewed form to a printer through the system print dialog. */
  'print:print': channel(z.object({ previewId }).strict()).returns<{ printed: boolean }>(),
  'print:closePreview': channel(z.object({ previewId }).strict()).returns<{ closed: boolean }>(),
  /** Opens the folder where a user's own templates override the built-in ones. */
  'print:openTemplatesFolder': channel(z.object({}).strict()).returns<{ opened: boolean }>(),
};
