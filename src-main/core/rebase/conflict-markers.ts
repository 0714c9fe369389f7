/**
 * Git's conflict markers are seven characters at the start of a line (`conflict-marker-size`
 * defaults to 7): `<<<<<<<`, an optional `|||||||` (diff3), `=======`, `>>>>>>>`.
 */
const OPEN = /^<{7}(?:[ \t]|$)/;
const SEPARATOR = /^={7}[ \t]*$/;
const CLOSE = /^>{7}(?:[ \t]|$)/;

/**
 * Line numbers (1-based) of the conflict regions still in a text: an opening marker followed, in
 * order, by a separator and a closing marker. Stray marker-like lines on their own do not count,
 * so a file that documents the markers is not mistaken for an unresolved one.
 */
export function findConflictRegions(text: string): { start: number; end: number }[] {
  const regions: { start: number; end: number }[] = [];
  let open: number | null = null;
  let separated = false;
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const line = (lines[index] ?? '').replace(/\r$/, '');
    if (OPEN.test(line)) {
      open = index + 1;
      separated = false;
    } else if (open !== null && SEPARATOR.test(line)) {
      separated = true;
    } else if (open !== null && separated && CLOSE.test(line)) {
      regions.push({ start: open, end: index + 1 });
      open = null;
      separated = false;
    }
  }
  return regions;
}
