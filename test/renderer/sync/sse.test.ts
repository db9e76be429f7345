import { describe, expect, it } from 'vitest';
import { readEventStream } from '../../../src/renderer/src/sync/sse';
import { normalizeServerUrl } from '../../../src/renderer/src/sync/api';

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

async function all(chunks: string[]) {
  const out = [];
  for await (const event of readEventStream(streamOf(chunks))) out.push(event);
  return out;
}

describe('the fetch-based event-stream reader', () => {
  it('joins data lines, skips heartbeats, and survives events split anywhere, CRLF included', async () => {
    const text = ': ping\n\ndata: "RESYNC"\n\ndata: {"a":\ndata: 1}\r\n\r\nevent: note\nid: 7\ndata:x\n\n';
    const whole = await all([text]);
    expect(whole).toEqual([
      { event: 'message', data: '"RESYNC"' },
      { event: 'message', data: '{"a":\n1}' },
      { event: 'note', data: 'x', id: '7' },
    ]);
    // one byte at a time gives the same events
    expect(await all([...text])).toEqual(whole);
  });

  it('drops an event cut off by the end of the stream', async () => {
    expect(await all(['data: complete\n\n', 'data: cut off'])).toEqual([{ event: 'message', data: 'complete' }]);
  });
});

describe('server addresses', () => {
  it('accepts a bare host and keeps a path, and refuses an empty address', () => {
    expect(normalizeServerUrl(' dangan.example.com:8787/ ')).toBe('http://dangan.example.com:8787');
    expect(normalizeServerUrl('https://example.com/sync/')).toBe('https://example.com/sync');
    expect(() => normalizeServerUrl('  ')).toThrow();
  });
});
