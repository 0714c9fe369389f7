/**
 * Output a flood pushes past the scrollback before anyone looks need not be parsed by the host's
 * screen mirror: only its effect on the pen (SGR colors) outlives it. When a mirror's backlog holds
 * more than `keepLines` lines of "plain" output (printable text, CR, LF, tab, backspace, bell and SGR
 * sequences, nothing that moves the cursor up or changes a mode), everything before the last
 * `keepLines` lines can be dropped: those lines scroll every line that existed before them out of
 * the scrollback, so the screen, the scrollback and the cursor come out the same. This planner finds
 * the cut and the text that stands in for what it drops (the SGRs still in force, then CR LF so the
 * kept part starts on a fresh line, as it did after the dropped part's last CR LF).
 *
 * It runs inside the mirror worker from its source text (mirror-worker.ts), so it must use nothing
 * from this module's scope. The caller checks that the mirror is on the normal screen with a
 * full-height scroll region and origin mode off; plain output cannot change any of that.
 */
export interface MirrorSkipScan {
  /** Where plain output ends: the text before it is plain. */
  plainEnd: number;
  /** Null when the plain part holds too few lines to drop any. */
  plan: MirrorSkipPlan | null;
}

export interface MirrorSkipPlan {
  /** Chars at the start of the text that need not be parsed. */
  cut: number;
  /** Written in their place: the pen the dropped part left, then CR LF. */
  replay: string;
}

/**
 * `plainFrom`: the text before it is known to be plain, at most the `plainEnd` of an earlier scan of
 * the same backlog, so only what came since is scanned: a flood's backlog keeps its last
 * `keepLines` lines between checks, and scanning them again each time cost more than the scan of
 * the new output. (An SGR cut short at the end of a read counts as not plain, so the earlier
 * `plainEnd` stops before it and the next scan reads it whole.)
 */
export function planMirrorSkip(text: string, keepLines: number, plainFrom = 0): MirrorSkipScan {
  // Where plain output ends: the first C0/C1 control other than BS, tab, LF, CR and BEL, or an ESC
  // that does not start a complete SGR. A regular expression runs natively, ~10x a charCodeAt loop.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  const notPlain = /[\x00-\x06\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f-\x9f]|\x1b(?!\[[0-9;:]*m)/g;
  notPlain.lastIndex = plainFrom;
  const stop = notPlain.exec(text);
  const plainEnd = stop ? stop.index : text.length;
  // The cut goes after the line feed that leaves `keepLines` line feeds in the plain part after it,
  // moved back to a CR LF so the dropped part ends at column 0 with no wrap pending. Counted back
  // from the end of the plain part: only the kept lines are read.
  let lineFeed = plainEnd;
  for (let found = 0; found <= keepLines; found += 1) {
    lineFeed = lineFeed > 0 ? text.lastIndexOf('\n', lineFeed - 1) : -1;
    if (lineFeed < 0) return { plainEnd, plan: null };
  }
  while (lineFeed > 0 && text.charCodeAt(lineFeed - 1) !== 13)
    lineFeed = text.lastIndexOf('\n', lineFeed - 1);
  if (lineFeed <= 0) return { plainEnd, plan: null };
  const cut = lineFeed + 1;
  // The pen: SGRs back to the last one that starts with a reset (the ones before it no longer count).
  const sgrs: string[] = [];
  let from = cut;
  while (from > 0) {
    const start = text.lastIndexOf('\x1b[', from - 1);
    if (start < 0) break;
    const sequence = text.slice(start, text.indexOf('m', start) + 1);
    sgrs.push(sequence);
    const first = sequence.slice(2, -1).split(';')[0] ?? '';
    if (first === '' || /^0+$/.test(first)) break;
    from = start;
  }
  return { plainEnd, plan: { cut, replay: `${sgrs.reverse().join('')}\r\n` } };
}
