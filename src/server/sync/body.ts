/**
 * A stored document's text with RxDB's `_deleted` flag put in front. Documents are stored as
 * the JSON text they arrived in (an object, without `_deleted`: see validate.ts), so the flag
 * is spliced in rather than the document parsed and serialized again.
 */
export function withDeleted(text: string, deleted: boolean): string {
  const open = text.indexOf('{');
  const rest = text.slice(open + 1).trimStart();
  const flag = `{"_deleted":${deleted ? 'true' : 'false'}`;
  return rest.startsWith('}') ? `${flag}}` : `${flag},${rest}`;
}
