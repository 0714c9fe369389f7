// Runs Doyensec's electronegativity over the Electron-facing sources (main, preload, renderer) and
// exits non-zero on any finding that is not justified inline. A justification is the scanner's own
// `eng-disable CHECK_ID` comment on the flagged line, plus a reason: words after the check ids
// (`// eng-disable SANDBOX_JS_CHECK: the reason`) or a comment on the line right above. A directive
// that no longer suppresses anything fails too, so stale exceptions do not pile up.
//
// Why the sources and not the built out/: electronegativity's Babel 7.29 parses our TypeScript 5.9
// (it is checked below: an unparsable file fails the run), the inline justifications live in the
// sources (the bundler drops comments), findings point at lines a person edits, the built renderer
// is mostly Monaco, xterm and React (third-party code we do not review here), and no build is needed,
// so it runs in parallel with the other static checks.
//
// The CLI of electronegativity 1.10.3 is broken by a hoisted commander 13, so this uses its
// programmatic API. Usage: node scripts/electronegativity.mjs [--root <folder holding src-main/...>]
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This checkout: the scanner and Electron's version come from here, whatever folder is scanned. */
const checkout = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** The folders whose code runs in Electron; src-main/host is plain Node (its listeners have their own tests). */
export const SCANNED_FOLDERS = ['src-main/electron', 'src-preload', 'src-renderer'];

/**
 * Checks that never run: they ask the network (GitHub's Electron release list) whether a newer
 * Electron exists. That is the dependency updater's job, and CI must not depend on the network.
 */
const NETWORK_CHECKS = ['AvailableSecurityFixesGlobalCheck', 'ElectronVersionJSONCheck'];

// The scanner's own syntax (dist/util/exceptions.js): eng-disable and check ids in a //, /* or <!-- comment.
const DIRECTIVE = /(?:\/\*|\/\/|<!--)[ \t]*eng-disable[ \t]+([\w \t]+)(.*)$/;
const COMMENT_START = /^(?:\/\/|\/\*|\*|<!--)/;
/** A reason after the ids needs a few words, not a stray character. */
const MIN_REASON_WORDS = 3;

function parseArgs(argv) {
  const rootIndex = argv.indexOf('--root');
  return { root: resolve(rootIndex >= 0 ? (argv[rootIndex + 1] ?? '.') : checkout) };
}

/**
 * electronegativity fetches translations from S3 on every run (one-second timeout). Answering "not
 * there" at once keeps CI off the network and saves that second; it then uses its bundled English.
 */
function stubTranslationFetch(engRequire) {
  const gotPath = engRequire.resolve('got');
  const refuse = () => Promise.resolve({ statusCode: 503, body: '' });
  require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: refuse };
}

/** Records every finding an inline directive suppressed, to list them and to spot stale directives. */
function recordSuppressions(engRequire) {
  const exceptions = engRequire('./dist/util/exceptions');
  const original = exceptions.isDisabledByInlineComment;
  const suppressed = [];
  exceptions.isDisabledByInlineComment = (firstLine, matchedLine, check, sourceType) => {
    const result = original(firstLine, matchedLine, check, sourceType);
    // A directive on line 1 covers the whole file, so either line may hold the one that matched.
    const lines = [firstLine, matchedLine];
    if (result.inlineDisabled) suppressed.push({ id: check.id, lines });
    for (const id of result.excludesGlobal) suppressed.push({ id, lines });
    return result;
  };
  return suppressed;
}

/** The Electron we ship decides the defaults the checks assume (e.g. sandbox on since Electron 20). */
function electronVersion() {
  return JSON.parse(readFileSync(join(checkout, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
}

/** Copies the scanned folders into one temporary tree (the scanner takes a single folder). */
function stage(root) {
  const staged = mkdtempSync(join(tmpdir(), 'skein-eng-'));
  for (const folder of SCANNED_FOLDERS) {
    const from = join(root, folder);
    if (existsSync(from)) cpSync(from, join(staged, folder), { recursive: true });
  }
  return staged;
}

/** Every eng-disable directive in the staged sources, with whether it carries a reason. */
function directivesIn(staged, files) {
  const found = [];
  for (const file of files) {
    const lines = readFileSync(join(staged, file), 'utf8').split('\n');
    lines.forEach((text, index) => {
      const match = DIRECTIVE.exec(text);
      if (!match) return;
      const ids = match[1].trim().split(/[ \t]+/);
      const rest = match[2].replace(/(?:\*\/|-->)\s*$/, '').replace(/^[\s:—-]+/, '');
      // The reason sits after the ids or in a comment right above; a whole-file directive (line 1,
      // where nothing can be above it in HTML) may have it right below.
      const near = [lines[index - 1], index === 0 ? lines[1] : undefined];
      const reasoned =
        rest.split(/\s+/).filter(Boolean).length >= MIN_REASON_WORDS ||
        near.some((line) => line !== undefined && COMMENT_START.test(line.trim()) && !DIRECTIVE.test(line));
      found.push({ file, line: index + 1, text: text.trim(), ids, reasoned });
    });
  }
  return found;
}

/** Runs the scan; returns the problems (each a line of text) and what was justified. */
export async function scan(root) {
  const engRequire = createRequire(
    join(checkout, 'node_modules', '@doyensec', 'electronegativity', 'package.json'),
  );
  stubTranslationFetch(engRequire);
  const suppressed = recordSuppressions(engRequire);
  const run = engRequire('./dist/runner.js');
  const staged = stage(root);
  const savedLang = process.env.LANG;
  // Its messages are looked up by LANG; a C or POSIX locale would print message keys instead.
  process.env.LANG = 'en-US';
  try {
    const result = await run({
      input: staged,
      isRelative: true,
      electronVersionOverride: electronVersion(),
      excludeFromScan: NETWORK_CHECKS,
    });
    const problems = [];
    for (const error of result.errors)
      problems.push(`could not parse ${error.file.replace(`${staged}/`, '')}: ${error.message}`);
    for (const issue of result.issues) {
      const where = issue.file === 'N/A' ? '(whole app)' : `${issue.file}:${issue.location.line}`;
      problems.push(
        `${issue.id} at ${where} (${issue.severity.name}, ${issue.confidence.name}): ${issue.description}`,
      );
    }
    const directives = directivesIn(staged, listSources(staged));
    const justified = [];
    for (const directive of directives) {
      const location = `${directive.file}:${directive.line}`;
      if (!directive.reasoned)
        problems.push(
          `${location}: eng-disable without a reason (add one after the ids or in a comment above)`,
        );
      for (const id of directive.ids) {
        const used = suppressed.some(
          (entry) => entry.id === id.toUpperCase() && entry.lines.includes(directive.text),
        );
        if (used) justified.push(`${id} at ${location}`);
        else problems.push(`${location}: eng-disable ${id} suppresses nothing; remove it`);
      }
    }
    return { problems, justified, checks: result.atomicChecks + result.globalChecks };
  } finally {
    if (savedLang === undefined) delete process.env.LANG;
    else process.env.LANG = savedLang;
    rmSync(staged, { recursive: true, force: true });
  }
}

function listSources(staged) {
  const out = [];
  const walk = (relative) => {
    const absolute = join(staged, relative);
    for (const entry of readdirSync(absolute, { withFileTypes: true })) {
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path);
      else if (/\.(?:[jt]sx?|mjs|cjs|html?)$/.test(entry.name)) out.push(path);
    }
  };
  walk('');
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const { root } = parseArgs(process.argv.slice(2));
  const { problems, justified, checks } = await scan(root);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  for (const entry of justified) console.log(`justified inline: ${entry}`);
  for (const problem of problems) console.log(`FAIL ${problem}`);
  console.log(
    `electronegativity: ${checks} checks over ${SCANNED_FOLDERS.join(', ')}; ` +
      `${problems.length} unjustified, ${justified.length} justified inline (${seconds} s)`,
  );
  process.exit(problems.length > 0 ? 1 : 0);
}
