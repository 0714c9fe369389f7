import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { HostMemory } from '../../../src-shared/contract';

let collector: (() => void) | null = null;

/**
 * V8's full collector, reached without starting the host with --expose-gc: the flag is set at run time
 * and `gc` read from a fresh context, where V8 installs it. Made once, on first use, because only a
 * diagnostic asks for it.
 */
function fullCollection(): () => void {
  if (!collector) {
    setFlagsFromString('--expose-gc');
    collector = runInNewContext('gc') as () => void;
  }
  return collector;
}

type MirrorHeap = { usedBytes: number; totalBytes: number; arrayBuffersBytes: number } | null;

/**
 * The process's memory; with `collect`, after two full collections (the second frees what finalizers of
 * the first let go), in the mirror worker first and then here, so the RSS read last reflects both.
 */
export async function hostMemory(
  collect: boolean,
  mirrorHeap: (collect: boolean) => Promise<MirrorHeap>,
): Promise<HostMemory> {
  const mirrors = await mirrorHeap(collect);
  if (collect) {
    const gc = fullCollection();
    gc();
    gc();
  }
  const usage = process.memoryUsage();
  return {
    rssBytes: usage.rss,
    heapUsedBytes: usage.heapUsed,
    heapTotalBytes: usage.heapTotal,
    externalBytes: usage.external,
    arrayBuffersBytes: usage.arrayBuffers,
    mirrorHeapUsedBytes: mirrors?.usedBytes ?? null,
    mirrorHeapTotalBytes: mirrors?.totalBytes ?? null,
    mirrorArrayBuffersBytes: mirrors?.arrayBuffersBytes ?? null,
    collected: collect,
  };
}
