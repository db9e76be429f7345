import type { TaskDoc } from '../schema/tasks';
import type { NextStep, VisitDoc } from '../schema/visits';

/**
 * Next steps with a follow-up date become follow-up tasks for the report's owner when the
 * report is handed in (submitted or corrected), not while it is a draft, so typing does not
 * churn tasks. Later corrections keep tasks in step: a changed text or date updates the open
 * task, a removed step or a removed date cancels it.
 */

export type NewTask = Pick<
  TaskDoc,
  'id' | 'customerId' | 'kind' | 'status' | 'title' | 'assigneeId' | 'sourceId' | 'at' | 'note'
>;

export interface FollowUpChanges {
  create: NewTask[];
  update: { id: string; title: string; at: number }[];
  cancel: string[];
  /** The visit's steps with `taskId` filled in for created tasks and cleared for cancelled ones. */
  nextSteps: NextStep[];
}

const TITLE_MAX = 300;

export function taskTitle(step: NextStep): string {
  const text = step.text.trim().replace(/\s+/g, ' ');
  return text.length > TITLE_MAX ? `${text.slice(0, TITLE_MAX - 1)}…` : text;
}

export function followUpChanges(
  visit: Pick<VisitDoc, 'id' | 'customerId' | 'ownerId' | 'nextSteps'>,
  previousSteps: readonly NextStep[],
  tasks: ReadonlyMap<string, Pick<TaskDoc, 'id' | 'status' | 'title' | 'at'>>,
  makeId: () => string,
): FollowUpChanges {
  const changes: FollowUpChanges = { create: [], update: [], cancel: [], nextSteps: [] };
  const keptTaskIds = new Set<string>();
  for (const step of visit.nextSteps) {
    const task = step.taskId ? tasks.get(step.taskId) : undefined;
    if (step.dueAt === undefined || !step.text.trim()) {
      if (step.taskId && task?.status === 'open') changes.cancel.push(step.taskId);
      changes.nextSteps.push({
        id: step.id,
        text: step.text,
        ...(step.dueAt === undefined ? {} : { dueAt: step.dueAt }),
      });
      continue;
    }
    if (task) {
      keptTaskIds.add(task.id);
      const title = taskTitle(step);
      if (task.status === 'open' && (task.title !== title || task.at !== step.dueAt)) {
        changes.update.push({ id: task.id, title, at: step.dueAt });
      }
      changes.nextSteps.push(step);
      continue;
    }
    const id = makeId();
    changes.create.push({
      id,
      customerId: visit.customerId,
      kind: 'followUp',
      status: 'open',
      title: taskTitle(step),
      assigneeId: visit.ownerId,
      sourceId: visit.id,
      at: step.dueAt,
      note: step.text.trim().slice(0, 2000),
    });
    changes.nextSteps.push({ ...step, taskId: id });
  }
  for (const step of previousSteps) {
    if (!step.taskId || keptTaskIds.has(step.taskId) || changes.cancel.includes(step.taskId))
      continue;
    if (visit.nextSteps.some((s) => s.taskId === step.taskId)) continue;
    if (tasks.get(step.taskId)?.status === 'open') changes.cancel.push(step.taskId);
  }
  return changes;
}
