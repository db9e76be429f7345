import { newId } from '../../../../../shared/ids';
import type { RequestDoc, VisitDoc } from '../../../../../shared/schema';
import {
  allowedActions,
  giftCancelPatch,
  giftDecisionPatch,
  giftRequestDoc,
  VisitRuleError,
  type Actor,
  type GiftDecision,
  type GiftRequestInput,
} from '../../../../../shared/visits';
import type { DanganDatabase } from '../../../db/database';

/** Gift requests (requests of kind `gift`) asked from a visit and decided by a manager. */

export async function requestGift(db: DanganDatabase, visit: Pick<VisitDoc, 'id' | 'customerId' | 'ownerId' | 'teamId' | 'status'>, input: GiftRequestInput, actor: Actor) {
  if (!allowedActions(visit, actor).has('requestGift')) throw new VisitRuleError('errors.notAllowed.requestGift');
  if (!visit.customerId) throw new VisitRuleError('errors.customerRequired');
  const now = Date.now();
  const doc: RequestDoc = {
    id: newId(now),
    ...giftRequestDoc(input, visit, actor),
    at: now,
    atDesc: 0,
    createdAt: now,
    createdBy: actor.id,
    updatedAt: now,
    updatedBy: actor.id,
  };
  await db.collections.requests.insert(doc);
  return doc.id;
}

async function requestOf(db: DanganDatabase, id: string) {
  const doc = await db.collections.requests.findOne(id).exec();
  if (!doc) throw new VisitRuleError('errors.notFound');
  return doc;
}

export async function decideGift(db: DanganDatabase, id: string, decision: GiftDecision, note: string, actor: Actor) {
  const doc = await requestOf(db, id);
  await doc.incrementalModify((data: RequestDoc) => ({ ...data, ...giftDecisionPatch(data, actor, decision, note, Date.now()) }));
}

export async function cancelGift(db: DanganDatabase, id: string, actor: Actor) {
  const doc = await requestOf(db, id);
  await doc.incrementalModify((data: RequestDoc) => ({ ...data, ...giftCancelPatch(data, actor) }));
}
