import { z } from 'zod';
import { AT_DESC_BASE } from '../schema/common';
import { CUSTOMER_TYPES } from '../schema/customers';
import { REQUEST_STATUSES } from '../schema/requests';
import { VISIT_PURPOSES, VISIT_STATUSES } from '../schema/visits';

/**
 * What the printed visit forms need, validated in main (the print engine's data contract).
 * The renderer reads the database and sends the report with its images already made small:
 * photo thumbnails and the signature travel as PNG/JPEG data: URLs (the print window loads
 * nothing else), and main checks their bytes before printing them.
 */

const text = (max: number) => z.string().max(max);
const maybe = (max: number) => z.string().max(max).optional();
const time = z.number().int().min(0).max(AT_DESC_BASE);
const id = z.string().min(1).max(40);

/** At most ~500 KB of base64 per image: thumbnails, not originals. */
export const MAX_PRINT_IMAGE_CHARS = 700_000;
export const PRINT_IMAGE_RE = /^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+={0,2}$/;
export const printImageSchema = z
  .string()
  .max(MAX_PRINT_IMAGE_CHARS)
  .regex(PRINT_IMAGE_RE, 'expected a PNG or JPEG data: URL');

export const printVisitCustomerSchema = z.object({
  id,
  code: text(32),
  name: text(100),
  type: z.enum(CUSTOMER_TYPES).optional(),
});

export const printVisitSchema = z.object({
  id,
  status: z.enum(VISIT_STATUSES),
  ownerId: text(40),
  contactName: maybe(100),
  visitors: z.array(text(40)).max(10),
  startAt: time.optional(),
  endAt: time.optional(),
  place: maybe(300),
  purposes: z.array(z.enum(VISIT_PURPOSES)).max(10),
  purposeNote: maybe(500),
  outcomes: maybe(20_000),
  feedback: maybe(20_000),
  suggestions: maybe(20_000),
  marketNotes: maybe(20_000),
  nextSteps: z.array(z.object({ text: text(1000), dueAt: time.optional() })).max(50),
  submittedAt: time.optional(),
  review: z
    .object({
      by: text(40),
      at: time,
      decision: z.enum(['accepted', 'returned']),
      comment: text(2000),
    })
    .optional(),
  amendments: z
    .array(
      z.object({
        at: time,
        by: text(40),
        field: text(40),
        before: text(20_000),
        after: text(20_000),
        reason: text(500),
      }),
    )
    .max(500),
});

/** One report with everything printed around it. */
export const printVisitReportSchema = z.object({
  visit: printVisitSchema,
  customer: printVisitCustomerSchema.optional(),
  planTitle: maybe(200),
  photos: z
    .array(z.object({ name: text(255), src: printImageSchema }))
    .max(24)
    .default([]),
  /** Files that are not images: listed by name. */
  files: z
    .array(z.object({ name: text(255) }))
    .max(100)
    .default([]),
  signature: printImageSchema.optional(),
  gifts: z
    .array(
      z.object({
        item: text(200),
        value: z.number().min(0).max(1_000_000),
        reason: text(2000),
        status: z.enum(REQUEST_STATUSES),
        decidedAt: time.optional(),
        decisionNote: maybe(2000),
      }),
    )
    .max(50)
    .default([]),
});

const names = z.record(z.string().max(40), z.string().max(100)).default({});

export const visitReportDataSchema = printVisitReportSchema.extend({
  model: z.literal('visit-report'),
  names,
});

/** The paper form a rep takes to a visit without the laptop, optionally with the customer filled in. */
export const visitReportBlankDataSchema = z.object({
  model: z.literal('visit-report-blank'),
  customer: printVisitCustomerSchema.optional(),
  ownerId: maybe(40),
  /** Blank lines for next steps. */
  stepLines: z.number().int().min(1).max(10).default(4),
  names,
});

/** One rep's reports of one month, printed in one run, oldest first. */
export const visitMonthDataSchema = z.object({
  model: z.literal('visit-month'),
  year: z.number().int().min(2000).max(2200),
  month: z.number().int().min(1).max(12),
  ownerId: text(40),
  reports: z.array(printVisitReportSchema).min(1).max(500),
  names,
});

export type VisitReportPrintData = z.input<typeof visitReportDataSchema>;
export type VisitMonthPrintData = z.input<typeof visitMonthDataSchema>;
export type VisitReportBlankPrintData = z.input<typeof visitReportBlankDataSchema>;
export type PrintVisitReport = z.input<typeof printVisitReportSchema>;
