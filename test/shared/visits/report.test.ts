import { describe, expect, it } from 'vitest';
import {
  normalizeFields,
  reportDraftSchema,
  reportFieldsOf,
  submissionProblems,
} from '../../../src/shared/visits';
import { at, complete, visit } from './fixtures';

const messages = (fields: Parameters<typeof submissionProblems>[0]) =>
  Object.fromEntries(submissionProblems(fields).map((p) => [p.path, p.message]));

describe('visit report validation', () => {
  it('a draft may be saved with nothing filled in', () => {
    expect(reportDraftSchema.safeParse(reportFieldsOf(visit({ visitors: [] }))).success).toBe(true);
  });

  it('submission asks for the customer, time, purpose, outcomes, feedback and suggestions', () => {
    const problems = messages(reportFieldsOf(visit({ customerId: '', visitors: [] })));
    expect(problems).toEqual({
      customerId: 'errors.customerRequired',
      visitors: 'errors.visitorsRequired',
      startAt: 'errors.startRequired',
      endAt: 'errors.endRequired',
      purposes: 'errors.purposeRequired',
      outcomes: 'errors.outcomesRequired',
      feedback: 'errors.feedbackRequired',
      suggestions: 'errors.suggestionsRequired',
    });
  });

  it('a complete report has no problems', () => {
    expect(submissionProblems(reportFieldsOf(complete()))).toEqual([]);
  });

  it('whitespace is not an answer', () => {
    expect(messages(reportFieldsOf(complete({ outcomes: '   \n ' })))).toEqual({
      outcomes: 'errors.outcomesRequired',
    });
  });

  it('the end cannot come before the start', () => {
    const fields = reportFieldsOf(complete({ endAt: at(2026, 3, 10, 8, 0) }));
    expect(messages(fields)).toEqual({ endAt: 'errors.endBeforeStart' });
  });

  it('"other" as a purpose needs a word on what it was', () => {
    expect(messages(reportFieldsOf(complete({ purposes: ['other'] })))).toEqual({
      purposeNote: 'errors.otherPurposeNote',
    });
    expect(
      messages(reportFieldsOf(complete({ purposes: ['other'], purposeNote: '参加开业典礼' }))),
    ).toEqual({});
  });

  it('a next step needs text and cannot be due before the visit day', () => {
    const fields = reportFieldsOf(
      complete({
        nextSteps: [
          { id: 's1', text: '  ' },
          { id: 's2', text: '寄送报价单', dueAt: at(2026, 3, 9) },
          { id: 's3', text: '当天回电', dueAt: at(2026, 3, 10, 0, 0) },
        ],
      }),
    );
    expect(messages(fields)).toEqual({
      'nextSteps.0.text': 'errors.stepTextRequired',
      'nextSteps.1.dueAt': 'errors.stepDueBeforeVisit',
    });
  });

  it('too long a text is refused with its own message, even in a draft', () => {
    const parsed = reportDraftSchema.safeParse({
      ...reportFieldsOf(visit()),
      place: 'x'.repeat(301),
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe('errors.tooLong');
  });

  it('normalising clears emptied texts and blank visitors instead of storing ""', () => {
    const fields = normalizeFields({
      ...reportFieldsOf(complete()),
      place: '',
      outcomes: '  ',
      visitors: ['张伟', ' ', ' 王经理 '],
    });
    expect(fields.place).toBeUndefined();
    expect(fields.outcomes).toBeUndefined();
    expect('place' in fields).toBe(true);
    expect(fields.visitors).toEqual(['张伟', '王经理']);
  });
});
