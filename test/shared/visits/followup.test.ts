import { describe, expect, it } from 'vitest';
import type { TaskDoc } from '../../../src/shared/schema';
import { followUpChanges } from '../../../src/shared/visits';
import { at, complete } from './fixtures';

type TaskShape = Pick<TaskDoc, 'id' | 'status' | 'title' | 'at'>;
const ids = () => {
  let n = 0;
  return () => `task-${++n}`;
};

describe('next steps become follow-up tasks', () => {
  it('a step with a date creates an open task for the owner; a step without one does not', () => {
    const v = complete({
      nextSteps: [
        { id: 's1', text: '寄送报价单', dueAt: at(2026, 3, 15) },
        { id: 's2', text: '保持联系' },
      ],
    });
    const c = followUpChanges(v, [], new Map(), ids());
    expect(c.create).toEqual([
      {
        id: 'task-1',
        customerId: 'c-1',
        kind: 'followUp',
        status: 'open',
        title: '寄送报价单',
        assigneeId: 'rep-1',
        sourceId: 'v-1',
        at: at(2026, 3, 15),
        note: '寄送报价单',
      },
    ]);
    expect(c.nextSteps.map((s) => s.taskId)).toEqual(['task-1', undefined]);
  });

  it('a correction updates the open task, and a removed date or step cancels it', () => {
    const tasks = new Map<string, TaskShape>([
      ['t1', { id: 't1', status: 'open', title: '寄送报价单', at: at(2026, 3, 15) }],
      ['t2', { id: 't2', status: 'open', title: '安排演示', at: at(2026, 3, 18) }],
      ['t3', { id: 't3', status: 'open', title: '回访', at: at(2026, 3, 20) }],
    ]);
    const before = [
      { id: 's1', text: '寄送报价单', dueAt: at(2026, 3, 15), taskId: 't1' },
      { id: 's2', text: '安排演示', dueAt: at(2026, 3, 18), taskId: 't2' },
      { id: 's3', text: '回访', dueAt: at(2026, 3, 20), taskId: 't3' },
    ];
    const v = complete({
      nextSteps: [
        { id: 's1', text: '寄送正式报价单', dueAt: at(2026, 3, 16), taskId: 't1' },
        { id: 's2', text: '安排演示', taskId: 't2' },
      ],
    });
    const c = followUpChanges(v, before, tasks, ids());
    expect(c.update).toEqual([{ id: 't1', title: '寄送正式报价单', at: at(2026, 3, 16) }]);
    expect(c.cancel.sort()).toEqual(['t2', 't3']);
    expect(c.create).toEqual([]);
    expect(c.nextSteps[1]).toEqual({ id: 's2', text: '安排演示' });
  });

  it('leaves a task that is already done alone', () => {
    const tasks = new Map<string, TaskShape>([
      ['t1', { id: 't1', status: 'done', title: '旧', at: 1 }],
    ]);
    const v = complete({
      nextSteps: [{ id: 's1', text: '新', dueAt: at(2026, 3, 16), taskId: 't1' }],
    });
    const c = followUpChanges(v, v.nextSteps, tasks, ids());
    expect(c).toMatchObject({ create: [], update: [], cancel: [] });
  });

  it('clips a long step to a task title', () => {
    const v = complete({
      nextSteps: [{ id: 's1', text: '长'.repeat(400), dueAt: at(2026, 3, 16) }],
    });
    expect(followUpChanges(v, [], new Map(), ids()).create[0]?.title).toHaveLength(300);
  });
});
