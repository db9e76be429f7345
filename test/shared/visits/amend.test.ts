import { describe, expect, it } from 'vitest';
import { diffReport, fieldText, reportFieldsOf } from '../../../src/shared/visits';
import { at, complete } from './fixtures';

describe('amendment diff', () => {
  it('finds nothing between identical reports', () => {
    const fields = reportFieldsOf(complete());
    expect(diffReport(fields, structuredClone(fields))).toEqual([]);
  });

  it('shows lists, times and next steps as readable text', () => {
    const before = reportFieldsOf(complete());
    const after = {
      ...before,
      visitors: ['张伟', '王经理'],
      purposes: ['closing' as const],
      startAt: at(2026, 3, 10, 10, 5),
      nextSteps: [{ id: 's1', text: '寄送合同', dueAt: at(2026, 3, 15) }],
    };
    expect(diffReport(before, after)).toEqual([
      { field: 'visitors', before: '张伟', after: '张伟、王经理' },
      { field: 'startAt', before: '2026-03-10 09:30', after: '2026-03-10 10:05' },
      { field: 'purposes', before: 'demonstration,opinion', after: 'closing' },
      { field: 'nextSteps', before: '', after: '寄送合同（2026-03-15）' },
    ]);
  });

  it('treats a removed optional text as an empty one', () => {
    const before = reportFieldsOf(complete({ marketNotes: '竞品降价' }));
    expect(fieldText({ ...before, marketNotes: undefined }, 'marketNotes')).toBe('');
    expect(diffReport(before, { ...before, marketNotes: undefined })).toEqual([
      { field: 'marketNotes', before: '竞品降价', after: '' },
    ]);
  });
});
