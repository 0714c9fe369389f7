const BOM = '\uFEFF';

/** A line of a text file and the terminator it had (`''` for a last line without one). */
export interface TextLine {
  text: string;
  /** `null` for a line the patch added: it takes the file's dominant terminator. */
  eol: '\n' | '\r\n' | '' | null;
}

/** A text file split into lines, remembering what must survive an edit byte for byte. */
export interface SplitText {
  lines: TextLine[];
  bom: boolean;
  /** The last line ended with a terminator (an empty file counts as yes: added lines end with one). */
  finalNewline: boolean;
  /** CRLF when CRLF terminators are at least as common as bare LF (Codex's detect_eol_from_bytes). */
  dominantEol: '\n' | '\r\n';
}

export function splitText(content: string): SplitText {
  const bom = content.startsWith(BOM);
  const body = bom ? content.slice(BOM.length) : content;
  const lines: TextLine[] = [];
  let crlf = 0;
  let lf = 0;
  let start = 0;
  for (let index = body.indexOf('\n'); index !== -1; index = body.indexOf('\n', start)) {
    const isCrlf = index > start && body[index - 1] === '\r';
    if (isCrlf) crlf += 1;
    else lf += 1;
    lines.push({ text: body.slice(start, isCrlf ? index - 1 : index), eol: isCrlf ? '\r\n' : '\n' });
    start = index + 1;
  }
  const finalNewline = start === body.length;
  if (!finalNewline) lines.push({ text: body.slice(start), eol: '' });
  return { lines, bom, finalNewline, dominantEol: crlf > 0 && crlf >= lf ? '\r\n' : '\n' };
}

/**
 * Joins lines back, giving added lines the dominant terminator and keeping the file's trailing
 * newline state: a file that ended without one still does, whatever the last line now is.
 */
export function joinText(split: SplitText, lines: readonly TextLine[]): string {
  let out = split.bom ? BOM : '';
  lines.forEach((line, index) => {
    const isLast = index === lines.length - 1;
    const eol = line.eol === null || line.eol === '' ? split.dominantEol : line.eol;
    out += isLast && !split.finalNewline ? line.text : line.text + eol;
  });
  return out;
}

/** Line texts without terminators, for diffs and matching. */
export function lineTexts(content: string): { texts: string[]; finalNewline: boolean } {
  const split = splitText(content);
  return {
    texts: split.lines.map((line) => line.text),
    finalNewline: split.finalNewline || split.lines.length === 0,
  };
}
