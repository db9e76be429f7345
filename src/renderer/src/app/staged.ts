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
