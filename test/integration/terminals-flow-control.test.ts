import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  FLOW_CONTROL_HIGH_WATERMARK_CHARS,
  FLOW_CONTROL_LOW_WATERMARK_CHARS,
  createTerminalService,
  type TerminalService,
} from '../../src-main/core/terminals';
import {
  RecordingPublisher,
  RecordingSubscriber,
  TEST_SHELL,
  createTerminalFixture,
  waitUntil,
  type TerminalFixture,
} from '../support/terminal-fixtures';

/** What may arrive after the pause: reads node-pty had already made (64 KB each) plus one frame. */
const OVERSHOOT_ALLOWANCE_CHARS = 256 * 1024;
const MAX_MEMORY_GROWTH_BYTES = 100 * 1024 * 1024;
/**
 * A flood flowing at full speed leaves garbage between collections, which RSS counts until the
 * allocator returns it: 95-160 MB at 27-42 MB/s on a 2-core EPYC, where the heap peaked at 37-67 MB.
 * Anything unbounded at that speed would hold over 160 MB of text (3 s, in one-byte strings) in the heap.
 */
const MAX_FLOWING_RSS_GROWTH_BYTES = 2 * MAX_MEMORY_GROWTH_BYTES;
const FLOOD = 'yes flood-line-0123456789-abcdefghijklmnopqrstuvwxyz';

let fixture: TerminalFixture;
let service: TerminalService;

beforeEach(() => {
  fixture = createTerminalFixture();
  service = createTerminalService({ db: fixture.db, publisher: new RecordingPublisher(), shell: TEST_SHELL });
});

afterEach(async () => {
  await service.dispose();
  fixture.cleanup();
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Samples the worker's memory while `during` runs; returns the largest growth over the start. */
async function peakMemoryGrowth(during: () => Promise<void>): Promise<{ rss: number; heap: number }> {
  const start = process.memoryUsage();
  const peak = { rss: 0, heap: 0 };
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peak.rss = Math.max(peak.rss, now.rss - start.rss);
    peak.heap = Math.max(peak.heap, now.heapUsed - start.heapUsed);
  }, 50);
  try {
    await during();
  } finally {
    clearInterval(sampler);
  }
  return peak;
}

describe('terminal flow control', () => {
  it('pauses a flood for a client that does not ack, stays bounded, and resumes when it acks', async () => {
    const slow = new RecordingSubscriber('slow', { keepFrames: false });
    const terminal = service.open({ threadId: fixture.threadId, cwd: fixture.cwd, command: FLOOD });
    await service.attach(terminal.id, slow);

    const growth = await peakMemoryGrowth(async () => {
      await waitUntil(() => service.stats(terminal.id).paused, 10_000, 'the pty to pause');
      await sleep(200);
      const charsAfterPause = slow.chars();
      const unackedAfterPause = service.stats(terminal.id).unacked.slow ?? 0;
      await sleep(1_500);
      const stats = service.stats(terminal.id);
      expect(stats.paused).toBe(true);
      // Nothing more reached the client while it did not ack, and the host holds nothing for it.
      expect(slow.chars()).toBe(charsAfterPause);
      expect(stats.unacked.slow).toBe(unackedAfterPause);
      expect(stats.unacked.slow).toBeGreaterThan(FLOW_CONTROL_HIGH_WATERMARK_CHARS);
      expect(stats.unacked.slow).toBeLessThan(FLOW_CONTROL_HIGH_WATERMARK_CHARS + OVERSHOOT_ALLOWANCE_CHARS);
      expect(stats.pendingFrameChars.slow).toBe(0);
      expect(stats.unparsedChars).toBeLessThan(FLOW_CONTROL_HIGH_WATERMARK_CHARS + OVERSHOOT_ALLOWANCE_CHARS);
    });
    expect(growth.rss).toBeLessThan(MAX_MEMORY_GROWTH_BYTES);

    // The client catches up: it acks what it has and keeps acking; output flows again.
    const before = slow.chars();
    slow.autoAck((id, chars) => service.ack(id, slow, chars));
    service.ack(terminal.id, slow, service.stats(terminal.id).unacked.slow ?? 0);
    await waitUntil(() => slow.chars() > before + 2_000_000, 20_000, 'output to flow again after acks');
    expect(slow.text()).toContain('flood-line-0123456789');
    expect(service.stats(terminal.id).unacked.slow).toBeLessThan(
      FLOW_CONTROL_HIGH_WATERMARK_CHARS + OVERSHOOT_ALLOWANCE_CHARS,
    );
  });

  it('keeps host memory bounded while a flood flows to a client that keeps up', async () => {
    const fast = new RecordingSubscriber('fast', { keepFrames: false });
    fast.autoAck((id, chars) => service.ack(id, fast, chars));
    const terminal = service.open({ threadId: fixture.threadId, cwd: fixture.cwd, command: FLOOD });
    await service.attach(terminal.id, fast);
    let maxUnacked = 0;
    let maxUnparsed = 0;
    const growth = await peakMemoryGrowth(async () => {
      const deadline = Date.now() + 3_000;
      while (Date.now() < deadline) {
        const stats = service.stats(terminal.id);
        maxUnacked = Math.max(maxUnacked, stats.unacked.fast ?? 0);
        maxUnparsed = Math.max(maxUnparsed, stats.unparsedChars);
        await sleep(25);
      }
    });
    expect(fast.chars()).toBeGreaterThan(1_000_000);
    expect(maxUnacked).toBeLessThan(FLOW_CONTROL_HIGH_WATERMARK_CHARS + OVERSHOOT_ALLOWANCE_CHARS);
    expect(maxUnparsed).toBeLessThan(FLOW_CONTROL_HIGH_WATERMARK_CHARS + OVERSHOOT_ALLOWANCE_CHARS);
    expect(growth.heap).toBeLessThan(MAX_MEMORY_GROWTH_BYTES);
    expect(growth.rss).toBeLessThan(MAX_FLOWING_RSS_GROWTH_BYTES);
    console.info(
      `flood to a fast client: ${(fast.chars() / 3 / 1e6).toFixed(1)} MB/s, peak growth rss ${(growth.rss / 1e6).toFixed(1)} MB heap ${(growth.heap / 1e6).toFixed(1)} MB`,
    );
  });

  it('holds a flood with no client back by the host mirror alone', async () => {
    const terminal = service.open({ threadId: fixture.threadId, cwd: fixture.cwd, command: FLOOD });
    let maxUnparsed = 0;
    const growth = await peakMemoryGrowth(async () => {
      const deadline = Date.now() + 2_000;
      while (Date.now() < deadline) {
        maxUnparsed = Math.max(maxUnparsed, service.stats(terminal.id).unparsedChars);
        await sleep(25);
      }
    });
    expect(maxUnparsed).toBeLessThan(FLOW_CONTROL_HIGH_WATERMARK_CHARS + OVERSHOOT_ALLOWANCE_CHARS);
    expect(growth.rss).toBeLessThan(MAX_MEMORY_GROWTH_BYTES);
    const probe = new RecordingSubscriber('probe');
    expect((await service.attach(terminal.id, probe)).screen).toContain('flood-line-0123456789');
  });

  it('stops holding the pty back for a client that detaches or closes', async () => {
    const terminal = service.open({ threadId: fixture.threadId, cwd: fixture.cwd, command: FLOOD });
    const fast = new RecordingSubscriber('fast', { keepFrames: false });
    fast.autoAck((id, chars) => service.ack(id, fast, chars));
    const slow = new RecordingSubscriber('slow', { keepFrames: false });
    const stuck = new RecordingSubscriber('stuck', { keepFrames: false });
    await service.attach(terminal.id, fast);
    await service.attach(terminal.id, slow);
    await waitUntil(() => service.stats(terminal.id).paused, 10_000, 'the pty to pause for the slow client');
    expect(service.stats(terminal.id).unacked.fast).toBeLessThan(FLOW_CONTROL_HIGH_WATERMARK_CHARS);

    service.detach(terminal.id, slow);
    await waitUntil(() => !service.stats(terminal.id).paused, 5_000, 'the pty to resume after detach');
    const flowing = fast.chars();
    await waitUntil(() => fast.chars() > flowing + 500_000, 10_000, 'output to reach the fast client again');

    await service.attach(terminal.id, stuck);
    await waitUntil(() => service.stats(terminal.id).paused, 10_000, 'the pty to pause for the stuck client');
    stuck.close();
    expect(Object.keys(service.stats(terminal.id).unacked)).not.toContain('stuck');
    await waitUntil(
      () => !service.stats(terminal.id).paused,
      5_000,
      'the pty to resume after the client closed',
    );
    expect(service.stats(terminal.id).unacked.fast ?? 0).toBeLessThan(FLOW_CONTROL_HIGH_WATERMARK_CHARS);
    expect(FLOW_CONTROL_LOW_WATERMARK_CHARS).toBeLessThan(FLOW_CONTROL_HIGH_WATERMARK_CHARS);
  });

  it('does not let the screen mirror keep a paused pty waiting for output to go quiet', async () => {
    const slow = new RecordingSubscriber('slow', { keepFrames: false });
    // 300,000 chars in fewer lines than the scrollback: the mirror parses them once quiet, with no
    // skip, so it then acknowledges only as it parses. The slow client acks none of it. The flood
    // after that pauses the pty for the client with ~700,000 chars in the mirror's backlog, under the
    // size the mirror checks at: before ScreenMirror.held that backlog kept the pty paused after the
    // client caught up, until the terminal had been quiet for MIRROR_DEFER_QUIET_MS (1 s).
    const terminal = service.open({
      threadId: fixture.threadId,
      cwd: fixture.cwd,
      command: `for i in $(seq 1 2500); do printf '%0118d\\n' $i; done; read -r go; ${FLOOD}`,
    });
    await service.attach(terminal.id, slow);
    await waitUntil(
      () => slow.chars() >= 300_000 && service.stats(terminal.id).unacked['host:screen-mirror'] === 0,
      10_000,
      'the mirror to parse the first output',
    );
    service.input(terminal.id, '\r');
    await waitUntil(() => service.stats(terminal.id).paused, 10_000, 'the pty to pause for the slow client');
    expect(service.stats(terminal.id).unacked.slow).toBeGreaterThan(FLOW_CONTROL_HIGH_WATERMARK_CHARS);
    await waitUntil(
      () =>
        (service.stats(terminal.id).unacked['host:screen-mirror'] ?? 0) < FLOW_CONTROL_LOW_WATERMARK_CHARS,
      700,
      () => `the mirror to let go of the paused pty (${JSON.stringify(service.stats(terminal.id).unacked)})`,
    );
    // The client catches up: nothing else holds the pty, so it resumes at once.
    service.ack(terminal.id, slow, service.stats(terminal.id).unacked.slow ?? 0);
    expect(service.stats(terminal.id).paused).toBe(false);
  });

  it('hands over the last output of a process that ends while its pty is paused', async () => {
    const slow = new RecordingSubscriber('slow', { keepFrames: false });
    // A little more than the high watermark: the pty pauses with the tail still in the kernel, and the
    // command exits because the kernel took its last write.
    const terminal = service.open({
      threadId: fixture.threadId,
      cwd: fixture.cwd,
      command: `sleep 0.3; head -c ${FLOW_CONTROL_HIGH_WATERMARK_CHARS + 2_000} /dev/zero | tr '\\0' y; echo; echo END-OF-OUTPUT`,
    });
    await service.attach(terminal.id, slow);
    expect(await service.waitForExit(terminal.id)).toBe(0);
    expect(service.stats(terminal.id).pauseCount).toBeGreaterThan(0);
    const probe = new RecordingSubscriber('probe');
    const { screen } = await service.attach(terminal.id, probe);
    expect(screen).toContain('END-OF-OUTPUT');
    expect(slow.text()).toContain('END-OF-OUTPUT');
  });

  it('keeps input echo fast in one terminal while another floods', async () => {
    const flooded = service.open({ threadId: fixture.threadId, cwd: fixture.cwd, command: FLOOD });
    const fast = new RecordingSubscriber('fast', { keepFrames: false });
    fast.autoAck((id, chars) => service.ack(id, fast, chars));
    await service.attach(flooded.id, fast);
    const shell = service.open({ threadId: fixture.threadId, cwd: fixture.cwd });
    const typist = new RecordingSubscriber('typist');
    await service.attach(shell.id, typist);
    await waitUntil(() => fast.chars() > 1_000_000, 10_000, 'the flood to be under way');
    const roundTrips: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const started = performance.now();
      service.input(shell.id, `echo typed-${i}-$((${i}*2))\r`);
      await typist.waitForText(`typed-${i}-${i * 2}`, undefined, 5_000);
      roundTrips.push(performance.now() - started);
    }
    const sorted = [...roundTrips].sort((a, b) => a - b);
    console.info(`echo round trips during a flood: ${sorted.map((ms) => Math.round(ms)).join(', ')} ms`);
    // A person notices echo slower than ~100 ms; the polling in waitForText adds up to 20 ms.
    expect(sorted[2]).toBeLessThan(150);
  });
});
