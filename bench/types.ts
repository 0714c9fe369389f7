/** One line of a benchmark's summary table in docs/performance.md. */
export interface BenchRow {
  metric: string;
  /** The measured figure, formatted for people (e.g. "38.2x", "412 ms"). */
  value: string;
  goal: string;
  /** null when the row has no goal (a plain measurement). */
  met: boolean | null;
}

export interface BenchResult {
  name: string;
  rows: BenchRow[];
  /** Raw measurements, kept in bench/results/<name>.json. */
  raw: unknown;
}
