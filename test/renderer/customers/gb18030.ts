/**
 * A GBK/GB18030 encoder for test files, built by inverting the platform's decoder over every
 * two-byte sequence (TextEncoder only writes UTF-8). Covers the characters a customer list uses.
 */
let table: Map<string, number[]> | null = null;

function encoderTable(): Map<string, number[]> {
  if (table) return table;
  table = new Map();
  const decoder = new TextDecoder('gb18030');
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const char = decoder.decode(Uint8Array.from([lead, trail]));
      if (char.length === 1 && char !== '\uFFFD' && !table.has(char)) table.set(char, [lead, trail]);
    }
  }
  return table;
}

export function encodeGb18030(text: string): Uint8Array {
  const map = encoderTable();
  const out: number[] = [];
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (code < 0x80) out.push(code);
    else {
      const bytes = map.get(char);
      if (!bytes) throw new Error(`no GB18030 two-byte code for ${char}`);
      out.push(...bytes);
    }
  }
  return Uint8Array.from(out);
}
