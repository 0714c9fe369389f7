import { readFileSync } from 'node:fs';

/**
 * Where a process's resident memory sits, from /proc/<pid>/smaps: V8's heap pages (V8 maps its heap in
 * 256 KiB pages, for every isolate in the process, workers included), the malloc heap (`[heap]`, the
 * brk area), other anonymous mappings (malloc's thread arenas and large blocks, WebAssembly memories,
 * thread stacks) and mapped files (code and shared libraries). A soak reads it to tell a growing JS heap
 * from native growth. Linux only; elsewhere, or if the process is gone, null.
 */
export interface MemoryMap {
  v8PagesMb: number;
  mallocHeapMb: number;
  otherAnonMb: number;
  filesMb: number;
}

const V8_PAGE_KB = 256;

export function memoryMapOf(pid: number): MemoryMap | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/smaps`, 'utf8');
  } catch {
    return null;
  }
  const kb = { v8PagesMb: 0, mallocHeapMb: 0, otherAnonMb: 0, filesMb: 0 };
  let bucket: keyof MemoryMap = 'otherAnonMb';
  for (const line of text.split('\n')) {
    const mapping = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (mapping) {
      const sizeKb =
        (Number.parseInt(mapping[2] as string, 16) - Number.parseInt(mapping[1] as string, 16)) / 1024;
      const name = (mapping[3] ?? '').trim();
      if (name === '[heap]') bucket = 'mallocHeapMb';
      else if (name.startsWith('/')) bucket = 'filesMb';
      else if (!name && sizeKb === V8_PAGE_KB) bucket = 'v8PagesMb';
      else bucket = 'otherAnonMb';
    } else if (line.startsWith('Rss:')) {
      kb[bucket] += Number(line.split(/\s+/)[1]);
    }
  }
  const mb = (value: number): number => Math.round(value / 102.4) / 10;
  return {
    v8PagesMb: mb(kb.v8PagesMb),
    mallocHeapMb: mb(kb.mallocHeapMb),
    otherAnonMb: mb(kb.otherAnonMb),
    filesMb: mb(kb.filesMb),
  };
}
