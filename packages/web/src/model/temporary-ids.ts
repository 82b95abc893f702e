// Objects created in the browser carry a temporary id until the server answers with the real one;
// predictions, queued writes and edits on their way that name it must then name the real id.

/**
 * `value` (plain JSON data) with every occurrence of `temporary` replaced by `real`, or `value`
 * itself when it does not name `temporary`. Ids are long random strings: a textual replace cannot
 * hit anything else, and it reaches ids nested anywhere (a check item inside its checklist).
 */
export function withIdReplaced<T>(value: T, temporary: string, real: string): T {
  const text = JSON.stringify(value);
  return text.includes(temporary) ? (JSON.parse(text.replaceAll(temporary, real)) as T) : value;
}
