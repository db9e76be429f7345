import type { NextStep } from '../schema/visits';
import { toLocalDate, toLocalDateTime } from './dates';
import type { ReportFields } from './report';

/**
 * After a report has been submitted, a change is never a silent overwrite: it is recorded
 * field by field as an amendment (before, after, who, when, why). Values are kept as text
 * so the history reads the same on every laptop and on paper, whatever the schema becomes.
 */

export const AMENDABLE_FIELDS = [
  'customerId',
  'contactName',
  'visitors',
  'startAt',
  'endAt',
  'place',
  'purposes',
  'purposeNote',
  'outcomes',
  'feedback',
  'suggestions',
  'marketNotes',
  'nextSteps',
] as const satisfies readonly (keyof ReportFields)[];
export type AmendableField = (typeof AMENDABLE_FIELDS)[number];

export interface FieldChange {
  field: AmendableField;
  before: string;
  after: string;
}

function stepText(step: NextStep): string {
  return step.dueAt === undefined
    ? step.text.trim()
    : `${step.text.trim()}（${toLocalDate(step.dueAt)}）`;
}

/** The text form of one field, as stored in an amendment. */
export function fieldText(fields: ReportFields, field: AmendableField): string {
  switch (field) {
    case 'visitors':
      return fields.visitors.join('、');
    case 'purposes':
      return fields.purposes.join(',');
    case 'startAt':
    case 'endAt': {
      const ts = fields[field];
      return ts === undefined ? '' : toLocalDateTime(ts);
    }
    case 'nextSteps':
      return fields.nextSteps.map(stepText).join('\n');
    default:
      return (fields[field] ?? '').trim();
  }
}

/** Every field whose text differs between the two versions, in form order. */
export function diffReport(before: ReportFields, after: ReportFields): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of AMENDABLE_FIELDS) {
    const a = fieldText(before, field);
    const b = fieldText(after, field);
    if (a !== b) changes.push({ field, before: a, after: b });
  }
  return changes;
}

/**
 * True when a change is hidden from the text diff yet real (e.g. a minute-less time shift or a
 * step's id): such edits still have to be written, as part of the amendment.
 */
export function fieldsEqual(a: ReportFields, b: ReportFields): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(fields: ReportFields): unknown[] {
  return AMENDABLE_FIELDS.map((f) => fields[f] ?? null).concat([fields.contactId ?? null]);
}
