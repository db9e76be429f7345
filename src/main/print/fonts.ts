/**
 * CJK font stacks that print on each platform without a network: the first installed face
 * wins. Linux: Noto CJK (fonts-noto-cjk) or Source Han / WenQuanYi; Windows: Microsoft YaHei
 * and SimSun; macOS: PingFang SC and Songti SC. Latin text falls back through the same faces
 * (all carry Latin glyphs), so numbers and codes match the Chinese text's weight.
 */
export const SANS_STACK = [
  'Noto Sans CJK SC',
  'Source Han Sans SC',
  'Source Han Sans CN',
  'Microsoft YaHei',
  'PingFang SC',
  'Hiragino Sans GB',
  'WenQuanYi Micro Hei',
  'Noto Sans SC',
  'sans-serif',
] as const;

export const SERIF_STACK = [
  'Noto Serif CJK SC',
  'Source Han Serif SC',
  'Source Han Serif CN',
  'SimSun',
  'Songti SC',
  'STSong',
  'Noto Serif SC',
  'serif',
] as const;

const GENERIC = new Set(['sans-serif', 'serif', 'monospace']);

export function fontFamily(stack: readonly string[]): string {
  return stack.map((name) => (GENERIC.has(name) ? name : `"${name}"`)).join(', ');
}
