import { describe, expect, it } from 'vitest';
import {
  addFilesPatch,
  applyVisitPatch,
  attachMode,
  removeFilePatch,
  signaturePatch,
  VisitRuleError,
} from '../../../src/shared/visits';
import { manager, otherRep, rep, visit } from './fixtures';

const photo = { id: 'a1', name: '门店照片.jpg' };

function key(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof VisitRuleError) return e.key;
    throw e;
  }
  return 'none';
}

describe('files and signature on a report', () => {
  it('come and go freely while the report is a draft', () => {
    const v = visit();
    const added = applyVisitPatch(v, addFilesPatch(v, [photo, photo], [], rep, 1));
    expect(added.attachmentIds).toEqual(['a1']);
    expect(added.amendments).toEqual([]);
    expect(applyVisitPatch(added, removeFilePatch(added, 'a1', rep)).attachmentIds).toEqual([]);
    const signed = applyVisitPatch(v, signaturePatch(v, { id: 's1', name: 'sig.png' }, rep, 1));
    expect(signed.signatureAttachmentId).toBe('s1');
    expect(
      'signatureAttachmentId' in applyVisitPatch(signed, removeFilePatch(signed, 's1', rep)),
    ).toBe(false);
  });

  it('after a send-back, a new photo is an amendment with a reason and nothing is removed', () => {
    const v = visit({ status: 'returned', attachmentIds: ['a0'] });
    expect(key(() => addFilesPatch(v, [photo], ['合同.pdf'], rep, 5))).toBe(
      'errors.reasonRequired',
    );
    const next = applyVisitPatch(
      v,
      addFilesPatch(v, [photo], ['合同.pdf'], rep, 5, '补充门店照片'),
    );
    expect(next.attachmentIds).toEqual(['a0', 'a1']);
    expect(next.amendments[0]).toMatchObject({
      field: 'attachments',
      before: '合同.pdf',
      after: '合同.pdf、门店照片.jpg',
      reason: '补充门店照片',
    });
    expect(key(() => removeFilePatch(next, 'a0', rep))).toBe('errors.notAllowed.removeFile');
  });

  it('a submitted report awaiting review takes no files from anyone', () => {
    const v = visit({ status: 'submitted' });
    expect(key(() => addFilesPatch(v, [photo], [], rep, 1, 'x'))).toBe('errors.notAllowed.edit');
    expect(key(() => signaturePatch(v, photo, manager, 1, 'x'))).toBe('errors.notAllowed.edit');
    expect(key(() => addFilesPatch(visit(), [photo], [], otherRep, 1))).toBe(
      'errors.notAllowed.edit',
    );
  });

  it('replacing the signature of an accepted report keeps the old one in the history', () => {
    const v = visit({ status: 'accepted', signatureAttachmentId: 's0' });
    const next = applyVisitPatch(
      v,
      signaturePatch(v, { id: 's1', name: 'sig.png' }, rep, 9, '客户重新签名'),
    );
    expect(next.amendments[0]).toMatchObject({ field: 'signature', before: 's0', after: 's1' });
  });
});

describe('whether files may be attached now', () => {
  it('freely to a draft, with a reason after a send-back, never while awaiting review', () => {
    expect(attachMode(visit(), rep)).toBe('edit');
    expect(key(() => attachMode(visit({ status: 'returned' }), rep))).toBe('errors.reasonRequired');
    expect(attachMode(visit({ status: 'returned' }), rep, '补充')).toBe('amend');
    expect(key(() => attachMode(visit({ status: 'submitted' }), rep, '补充'))).toBe(
      'errors.notAllowed.edit',
    );
  });
});
