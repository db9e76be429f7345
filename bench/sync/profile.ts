import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';

/** The parts of a V8 CPU profile (CDP `Profiler.Profile`) a self-time summary needs. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }[];
  samples?: number[];
  timeDeltas?: number[];
}

type Send = (method: string, params?: Record<string, unknown>) => Promise<unknown>;

/**
 * CPU profiles of the page's main thread and of its sync worker, for `DANGAN_BENCH_SYNC_PROFILE`.
 * Playwright exposes CDP sessions for pages only; the worker is reached through the page's
 * session with non-flattened `Target.attachToTarget`, whose messages travel as
 * `Target.sendMessageToTarget` / `receivedMessageFromTarget`.
 */
export class Profiles {
  private readonly targets: { name: string; send: Send }[] = [];

  private constructor(private readonly dir: string) {}

  static async start(dir: string, context: BrowserContext, page: Page): Promise<Profiles> {
    mkdirSync(dir, { recursive: true });
    const profiles = new Profiles(dir);
    const cdp = await context.newCDPSession(page);
    const pageSend: Send = (method, params) => cdp.send(method as never, params as never);
    await profiles.begin('page', pageSend);
    const attached = new Set<string>();
    cdp.on('Target.attachedToTarget' as never, (event: { sessionId: string; targetInfo: { type: string } }) => {
      if (event.targetInfo.type !== 'worker' || attached.has(event.sessionId)) return;
      attached.add(event.sessionId);
      void profiles.begin(`worker${attached.size}`, childSender(cdp, event.sessionId));
    });
    await cdp.send('Target.setAutoAttach' as never, { autoAttach: true, waitForDebuggerOnStart: false, flatten: false } as never);
    return profiles;
  }

  private async begin(name: string, send: Send): Promise<void> {
    await send('Profiler.enable');
    await send('Profiler.setSamplingInterval', { interval: 500 });
    await send('Profiler.start');
    this.targets.push({ name, send });
  }

  /** Stops every profile, writes `<name><phase>.cpuprofile` and returns a self-time summary each. */
  async stop(top = 25, phase = ''): Promise<string> {
    const out: string[] = [];
    for (const { name, send } of this.targets) {
      const { profile } = (await send('Profiler.stop')) as { profile: CpuProfile };
      writeFileSync(path.join(this.dir, `${name}${phase}.cpuprofile`), JSON.stringify(profile));
      out.push(`── ${name}${phase}: self time by function`, ...summarize(profile, top));
    }
    return out.join('\n');
  }

  /** Starts every stopped profile again (the next phase of the bench). */
  async restart(): Promise<void> {
    for (const { send } of this.targets) await send('Profiler.start');
  }
}

/**
 * A Chromium trace (all processes: the page, its worker, the browser's IndexedDB backend), for
 * `DANGAN_BENCH_SYNC_TRACE`. Read with `node bench/sync/trace-summary.mjs <file>`.
 */
export class Trace {
  private constructor(private readonly cdp: CDPSession) {}

  static async start(context: BrowserContext, page: Page): Promise<Trace> {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Tracing.start', {
      transferMode: 'ReturnAsStream',
      traceConfig: {
        recordMode: 'recordContinuously',
        includedCategories: ['toplevel', 'IndexedDB', 'leveldb', 'disabled-by-default-devtools.timeline', 'v8', 'blink', 'loading'],
      },
    });
    return new Trace(cdp);
  }

  async stop(file: string): Promise<void> {
    const done = new Promise<string>((resolve) =>
      this.cdp.once('Tracing.tracingComplete', (event) => resolve(event.stream ?? '')),
    );
    await this.cdp.send('Tracing.end');
    const handle = await done;
    const chunks: string[] = [];
    for (;;) {
      const read = await this.cdp.send('IO.read', { handle, size: 1 << 20 });
      chunks.push(read.base64Encoded ? Buffer.from(read.data, 'base64').toString('utf8') : read.data);
      if (read.eof) break;
    }
    await this.cdp.send('IO.close', { handle });
    writeFileSync(file, chunks.join(''));
  }
}

function childSender(cdp: CDPSession, sessionId: string): Send {
  let nextId = 1;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  cdp.on('Target.receivedMessageFromTarget' as never, (event: { sessionId: string; message: string }) => {
    if (event.sessionId !== sessionId) return;
    const message = JSON.parse(event.message) as { id?: number; result?: unknown; error?: { message: string } };
    const pending = message.id === undefined ? undefined : waiting.get(message.id);
    if (!pending || message.id === undefined) return;
    waiting.delete(message.id);
    if (message.error) pending.reject(new Error(message.error.message));
    else pending.resolve(message.result);
  });
  return (method, params) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      void cdp
        .send('Target.sendMessageToTarget' as never, { sessionId, message: JSON.stringify({ id, method, params: params ?? {} }) } as never)
        .catch(reject);
    });
}

/** Self time per function (name, file, line), largest first, in ms and share of all samples. */
export function summarize(profile: CpuProfile, top: number): string[] {
  const frameOf = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const self = new Map<string, number>();
  let total = 0;
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const frame = frameOf.get(samples[i]!);
    const us = deltas[i + 1] ?? 0;
    total += us;
    if (!frame) continue;
    const file = frame.url.split('/').pop() ?? '';
    const key = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + us);
  }
  const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  return [
    `total ${(total / 1000).toFixed(0)} ms`,
    ...rows.map(([key, us]) => `${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / total).toFixed(1).padStart(5)} %  ${key}`),
  ];
}

/**
 * A heap snapshot of the page (after a GC), for `DANGAN_BENCH_SYNC_HEAP`: what the page keeps
 * alive once the sync is done. Read with `node bench/sync/heap-summary.mjs <file>`.
 */
export async function writeHeapSnapshot(cdp: CDPSession, file: string): Promise<void> {
  const chunks: string[] = [];
  const onChunk = (event: { chunk: string }) => chunks.push(event.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  writeFileSync(file, chunks.join(''));
}
