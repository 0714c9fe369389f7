/** Figures over the soak's memory samples. */
import type { MemoryMap } from './memory-map';

export interface Sample {
  /** Seconds since the soak's turns started. */
  atSeconds: number;
  /** RSS as /proc shows it, garbage and all. */
  rssMb: number;
  /** RSS, V8 heap used and external memory right after the host ran a full collection (`host/memory`). */
  keptRssMb: number;
  heapMb: number;
  externalMb: number;
  heapTotalMb: number;
  /** The terminals' screen-mirror worker's V8 heap after its own full collection (0 with no worker). */
  mirrorHeapMb: number;
  /** Its typed arrays: the scrollback lines' cells, allocated outside the heap. */
  mirrorBuffersMb: number;
  /** Where the RSS sits, by kind of mapping (bench/soak/memory-map.ts). */
  map: MemoryMap | null;
}

export type SampleFigure = Exclude<keyof Sample, 'atSeconds' | 'map'>;

export interface Trend {
  /** Least-squares slope over time, MB per minute. */
  slopeMbPerMinute: number;
  minMb: number;
  maxMb: number;
  firstMb: number;
  lastMb: number;
  count: number;
}

/** Ordinary least squares of one figure over (minutes, MB); slope 0 for fewer than two samples. */
export function trendOf(samples: readonly Sample[], figure: SampleFigure): Trend {
  const count = samples.length;
  const values = samples.map((sample) => sample[figure]);
  const first = values[0] ?? 0;
  const last = values.at(-1) ?? 0;
  const base = {
    minMb: Math.min(...values),
    maxMb: Math.max(...values),
    firstMb: first,
    lastMb: last,
    count,
  };
  if (count < 2) return { ...base, slopeMbPerMinute: 0 };
  const xs = samples.map((sample) => sample.atSeconds / 60);
  const meanX = xs.reduce((sum, x) => sum + x, 0) / count;
  const meanY = values.reduce((sum, y) => sum + y, 0) / count;
  let covariance = 0;
  let variance = 0;
  for (let i = 0; i < count; i += 1) {
    const dx = (xs[i] as number) - meanX;
    covariance += dx * ((values[i] as number) - meanY);
    variance += dx * dx;
  }
  return { ...base, slopeMbPerMinute: variance === 0 ? 0 : covariance / variance };
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
