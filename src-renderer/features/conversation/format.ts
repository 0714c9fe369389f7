import type { TokenUsage } from '../../../src-shared/contract';

/** "850 ms", "4.2 s", "3 min 5 s". */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1_000);
  return seconds === 0 ? `${minutes} min` : `${minutes} min ${seconds} s`;
}

/** "950", "12.3k", "1.2M". */
export function formatTokens(count: number): string {
  if (count < 1_000) return String(count);
  if (count < 1_000_000) return `${(count / 1_000).toFixed(count < 10_000 ? 1 : 0)}k`;
  return `${(count / 1_000_000).toFixed(1)}M`;
}

/** "$0.0042", "$1.25"; costs under a cent keep enough digits to tell turns apart. */
export function formatCost(usd: number): string {
  if (usd === 0) return '$0';
  if (usd < 0.01) return `$${usd.toPrecision(2)}`;
  return `$${usd.toFixed(2)}`;
}

/** A turn's footprint in words: "1.2k in · 300 out · $0.01". */
export function describeUsage(usage: TokenUsage, costUsd: number | null): string {
  const parts = [`${formatTokens(usage.inputTokens)} in`, `${formatTokens(usage.outputTokens)} out`];
  if (costUsd !== null) parts.push(formatCost(costUsd));
  return parts.join(' · ');
}

export interface TextBlock {
  kind: 'text' | 'code';
  text: string;
  /** The fence's language tag, for code. */
  language?: string;
}

/**
 * A message split at ``` fences so code keeps its monospace and spacing; the rest stays plain text
 * (the transcript shows what the model wrote, not rendered markdown). An unclosed fence, as while
 * a message streams, runs to the end.
 */
export function splitFences(text: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  const lines = text.split('\n');
  let buffer: string[] = [];
  let code: { language: string } | null = null;
  const push = (kind: TextBlock['kind']) => {
    const joined = buffer.join('\n');
    if (kind === 'code') blocks.push({ kind, text: joined, language: code?.language ?? '' });
    else if (joined.trim() !== '') blocks.push({ kind, text: joined.replace(/^\n+|\n+$/g, '') });
    buffer = [];
  };
  for (const line of lines) {
    const fence = /^\s*```\s*([\w+-]*)\s*$/.exec(line);
    if (fence) {
      if (code) {
        push('code');
        code = null;
      } else {
        push('text');
        code = { language: fence[1] ?? '' };
      }
    } else buffer.push(line);
  }
  push(code ? 'code' : 'text');
  return blocks;
}
