import { describe, expect, it } from 'vitest';
import { parseMergeTreeBatch, parseMergeTreeDetails } from '../../src-main/core/git';
import { classifyConflicts, parseConflictMarkers } from '../../src-main/core/conflicts';
import { formatThreadOverlaps } from '../../src-main/core/agents/tools/thread-overlaps-tool';

/** Real output of git 2.39 `merge-tree --write-tree -z --messages` (binary, modify/delete, content, add/add). */
const DETAILS_OUTPUT = [
  '5815b5634b05036e447c2b69ca1f2c323741d4f5',
  '100644 88768efdf77ec78c9a995f94881793be6a41752b 1\tb.bin',
  '100644 3e3315e1b02129d197721a8a0b56dd88862f454d 2\tb.bin',
  '100644 cfd533bc0dd4437e51ffdb2febf6303b581c0762 3\tb.bin',
  '100644 abaddc0b9edd523c69166a2c9f3a9e31a4c873e3 1\td.txt',
  '100644 2680cfddbd9fa03c059ac60d2bec5e59a1c34281 2\td.txt',
  '100644 de980441c3ab03a8c07dda1ad27b8a11f39deb1e 1\tf with\ttab.txt',
  '100644 f4ea702d479ef1388dde60e3430791a9c6eb8d4f 2\tf with\ttab.txt',
  '100644 3b6f40af131104cca3a84e7a760c3c3475377106 3\tf with\ttab.txt',
  '100644 5626abf0f72e58d7a153368ba57db4c673c0e171 2\tnew.txt',
  '100644 f719efd430d52bcfc8566a43b2eb655688d38871 3\tnew.txt',
  '',
  '1',
  'b.bin',
  'CONFLICT (binary)',
  'warning: Cannot merge binary files: b.bin (A vs. B)\n',
  '1',
  'b.bin',
  'Auto-merging',
  'Auto-merging b.bin\n',
  '1',
  'b.bin',
  'CONFLICT (contents)',
  'CONFLICT (content): Merge conflict in b.bin\n',
  '1',
  'd.txt',
  'CONFLICT (modify/delete)',
  'CONFLICT (modify/delete): d.txt deleted in B and modified in A.  Version A of d.txt left in tree.\n',
  '1',
  'f with\ttab.txt',
  'Auto-merging',
  'Auto-merging f with\ttab.txt\n',
  '1',
  'f with\ttab.txt',
  'CONFLICT (contents)',
  'CONFLICT (content): Merge conflict in f with\ttab.txt\n',
  '2',
  'old.txt',
  'moved.txt',
  'CONFLICT (rename/rename)',
  'CONFLICT (rename/rename): old.txt renamed to moved.txt in A and to other.txt in B.\n',
  '1',
  'new.txt',
  'Auto-merging',
  'Auto-merging new.txt\n',
  '1',
  'new.txt',
  'CONFLICT (contents)',
  'CONFLICT (add/add): Merge conflict in new.txt\n',
  '',
].join('\0');

describe('merge-tree -z details', () => {
  it('parses stages (paths with tabs) and multi-path message records', () => {
    const details = parseMergeTreeDetails(DETAILS_OUTPUT);
    expect(details.tree).toBe('5815b5634b05036e447c2b69ca1f2c323741d4f5');
    expect(details.stages).toHaveLength(10);
    expect(details.stages[7]).toEqual({
      mode: '100644',
      object: '3b6f40af131104cca3a84e7a760c3c3475377106',
      stage: 3,
      path: 'f with\ttab.txt',
    });
    expect(details.messages).toHaveLength(9);
    expect(details.messages[6]).toEqual({
      paths: ['old.txt', 'moved.txt'],
      type: 'CONFLICT (rename/rename)',
      message: 'CONFLICT (rename/rename): old.txt renamed to moved.txt in A and to other.txt in B.',
    });
  });

  it('reads a clean merge as a tree alone', () => {
    expect(parseMergeTreeDetails('4b825dc642cb6eb9a060e54bf8d69288fbee4904\0')).toEqual({
      tree: '4b825dc642cb6eb9a060e54bf8d69288fbee4904',
      stages: [],
      messages: [],
    });
  });

  it('classifies each conflicted path once, without the Auto-merging noise', () => {
    const details = parseMergeTreeDetails(DETAILS_OUTPUT);
    details.stages.push({ mode: '100644', object: 'a'.repeat(40), stage: 1, path: 'moved.txt' });
    expect(classifyConflicts(details)).toEqual([
      {
        path: 'b.bin',
        kind: 'binary',
        messages: [
          'warning: Cannot merge binary files: b.bin (A vs. B)',
          'CONFLICT (content): Merge conflict in b.bin',
        ],
      },
      { path: 'd.txt', kind: 'modify-delete', messages: [expect.stringContaining('deleted in B')] },
      {
        path: 'f with\ttab.txt',
        kind: 'content',
        messages: ['CONFLICT (content): Merge conflict in f with\ttab.txt'],
      },
      { path: 'new.txt', kind: 'add-add', messages: ['CONFLICT (add/add): Merge conflict in new.txt'] },
      { path: 'moved.txt', kind: 'rename', messages: [expect.stringContaining('rename/rename')] },
    ]);
  });

  it('calls a conflict git gave no known words for "other"', () => {
    const details = parseMergeTreeDetails(
      [
        't',
        '160000 ' + 'b'.repeat(40) + ' 2\tsub',
        '',
        '1',
        'sub',
        'CONFLICT (submodule lacks merge base)',
        'Failed to merge submodule sub',
        '',
      ].join('\0'),
    );
    expect(classifyConflicts(details)).toEqual([
      { path: 'sub', kind: 'other', messages: ['Failed to merge submodule sub'] },
    ]);
  });
});

describe('merge-tree --stdin -z output', () => {
  // Real git 2.39 output for a conflicted merge, then two clean ones.
  const output = ['0', 'tree1', 'b.bin', 'd.txt', '', '1', 'tree2', '', '1', 'tree3', '', ''].join('\0');

  it('reads one result per merge, in input order', () => {
    expect(parseMergeTreeBatch(output, 3)).toEqual([
      { tree: 'tree1', conflicts: ['b.bin', 'd.txt'] },
      { tree: 'tree2', conflicts: [] },
      { tree: 'tree3', conflicts: [] },
    ]);
  });

  it('refuses output that stops short of the merges asked for', () => {
    expect(parseMergeTreeBatch(output, 4)).toBeNull();
    expect(parseMergeTreeBatch('', 1)).toBeNull();
    expect(parseMergeTreeBatch(['-1', 'tree', ''].join('\0'), 1)).toBeNull();
  });
});

describe('conflict markers', () => {
  it('finds each region with its lines and both sides', () => {
    const text = [
      'keep',
      '<<<<<<< ours',
      'mine 1',
      'mine 2',
      '=======',
      'theirs',
      '>>>>>>> theirs',
      'middle',
      '<<<<<<< a',
      '=======',
      'added',
      '>>>>>>> b',
      '',
    ].join('\n');
    expect(parseConflictMarkers(text)).toEqual([
      { mergedStart: 2, mergedEnd: 7, ours: 'mine 1\nmine 2\n', theirs: 'theirs\n' },
      { mergedStart: 9, mergedEnd: 12, ours: '', theirs: 'added\n' },
    ]);
  });

  it('skips the ancestor part of diff3 style and keeps CRLF lines as they are', () => {
    const text = '<<<<<<< A\r\nours\r\n||||||| base\r\nold\r\n=======\r\ntheirs\r\n>>>>>>> B\r\n';
    expect(parseConflictMarkers(text)).toEqual([
      { mergedStart: 1, mergedEnd: 7, ours: 'ours\r\n', theirs: 'theirs\r\n' },
    ]);
  });

  it('ignores longer marker runs, text that only looks like markers, and an unclosed region', () => {
    const text = ['<<<<<<<< not a marker', '======= not either', '<<<<<<< open', 'a', '=======', 'b'].join(
      '\n',
    );
    expect(parseConflictMarkers(text)).toEqual([]);
    expect(parseConflictMarkers('no conflict here\n')).toEqual([]);
  });
});

describe('thread_overlaps answer', () => {
  it('puts conflicts first and cuts long path lists', () => {
    const many = Array.from({ length: 25 }, (_, index) => `f${index}.ts`);
    const text = formatThreadOverlaps({
      threadId: 't1',
      touched: many,
      others: [
        { threadId: 't2', title: 'Docs', branch: 'skein/docs', files: ['f1.ts'], conflicts: [] },
        { threadId: 't3', title: 'Fix', branch: 'skein/fix', files: ['f2.ts'], conflicts: ['f2.ts'] },
      ],
    });
    const lines = text.split('\n');
    expect(lines[0]).toContain('You changed 25 file(s)');
    expect(lines[0]).toContain('and 5 more');
    expect(lines[1]).toBe(
      'CONFLICT with "Fix" (branch skein/fix) in f2.ts: both change the same lines; coordinate or keep out of them.',
    );
    expect(lines[2]).toBe(
      'Overlap with "Docs" (branch skein/docs): both change f1.ts (merges cleanly so far).',
    );
    expect(formatThreadOverlaps({ threadId: 't1', touched: [], others: [] })).toBe(
      'You changed 0 file(s) against the base.\nNo other live thread touches those files.',
    );
  });
});
