import { startTransition, useEffect, useState } from 'react';

/**
 * Mounts a screen in steps: the stage starts at 0 and moves on by one after each commit, in a
 * task of its own, up to `stages`. A screen that shows part after part by it never builds
 * everything in one commit, which React cannot split (the status list's first appearance —
 * seven antd selects that measure themselves, the rows — was one task of 130–160 ms).
 */
export function useStagedMount(stages: number): number {
  const [stage, setStage] = useState(0);
  useEffect(() => {
    if (stage >= stages) return undefined;
    const timer = setTimeout(() => startTransition(() => setStage((s) => Math.min(stages, s + 1))), 0);
    return () => clearTimeout(timer);
  }, [stage, stages]);
  return stage;
}

/**
 * Runs `start` in a task of its own, after the current one, and returns the cleanup (which
 * also cancels a start that has not run yet). For effects whose start is heavy — a worker, a
 * planner that subscribes to the database — on a screen's first mount: React runs a commit's
 * effects in the commit's task, and after signing in that task already builds the whole shell.
 */
export function inOwnTask(start: () => (() => void) | undefined): () => void {
  let stop: (() => void) | undefined;
  let cancelled = false;
  const timer = setTimeout(() => {
    if (!cancelled) stop = start();
  }, 0);
  return () => {
    cancelled = true;
    clearTimeout(timer);
    stop?.();
  };
}
