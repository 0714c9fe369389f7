import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentEnv } from '../support/agent-host';
import { eventOutline, parseEvents, runExecCli, EXEC_RUN_TIMEOUT_MS } from '../support/exec-fixtures';
import { createRepo, TempDirs, type TestRepo } from '../support/git-repo';
import { startModelServer, type ModelServer } from '../support/model-server';

/** Each test spawns the CLI once or twice (tsx from source, then a host). */
const TEST_TIMEOUT_MS = 2 * EXEC_RUN_TIMEOUT_MS;

const dirs = new TempDirs();
let model: ModelServer;
let repo: TestRepo;
let dataDir: string;
let env: NodeJS.ProcessEnv;
let firstThreadId = '';

beforeAll(async () => {
  model = await startModelServer();
  repo = createRepo(dirs, { files: { 'README.md': '# exec\n' } });
  dataDir = dirs.make('skein-exec-data-');
  env = { ...agentEnv(model, dirs), GIT_CONFIG_GLOBAL: '/dev/null' };
});

afterAll(async () => {
  await model?.close();
  dirs.cleanup();
});

const base = () => ['--repo', repo.path, '--data', dataDir];

describe('skein exec --json', () => {
  it(
    'prints the events of a new thread’s turn in order, one JSON object per line, with the turn’s usage',
    async () => {
      model.script([
        {
          toolCalls: [
            { name: 'update_plan', arguments: { plan: [{ step: 'Greet the user', status: 'completed' }] } },
          ],
          usage: { input: 100, output: 10, cached: 40 },
        },
        {
          reasoning: 'The plan is done.',
          text: ['Hello', ' from', ' skein exec.'],
          chunkDelayMs: 300,
          usage: { input: 150, output: 20, cached: 60 },
        },
      ]);
      const run = await runExecCli([...base(), '--json', 'Say hello\nwith details on the second line'], env);
      expect(run.code, run.stderr).toBe(0);
      const events = parseEvents(run.stdout);
      firstThreadId = String(events[0]?.thread_id);
      expect(eventOutline(events)).toEqual([
        'thread.started',
        'turn.started',
        'item.started:plan',
        'item.completed:plan',
        'item.started:reasoning',
        'item.updated:reasoning',
        // The runtime closes the reasoning item once the answer's first text arrived.
        'item.started:agent_message',
        'item.updated:agent_message',
        'item.completed:reasoning',
        'item.completed:agent_message',
        'turn.completed',
      ]);
      expect(firstThreadId).toMatch(/\S/);
      const turnId = events[1]?.turn_id;
      expect(events.at(-1)).toEqual({
        type: 'turn.completed',
        turn_id: turnId,
        usage: { input_tokens: 250, cached_input_tokens: 100, output_tokens: 30 },
      });
      const updates = events.filter(
        (event) => event.type === 'item.updated' && (event.item as { type: string }).type === 'agent_message',
      );
      // Streamed slowly (300 ms a piece): updates show the text growing, fewer lines than pieces plus one.
      expect(updates.length).toBeGreaterThanOrEqual(1);
      expect(updates.length).toBeLessThanOrEqual(3);
      expect((updates[0]?.item as { text: string }).text.length).toBeLessThan(
        'Hello from skein exec.'.length,
      );
      const completed = events.filter((event) => event.type === 'item.completed').map((event) => event.item);
      expect(completed).toEqual([
        {
          id: expect.any(String) as unknown,
          type: 'plan',
          explanation: null,
          steps: [{ step: 'Greet the user', status: 'completed' }],
        },
        { id: expect.any(String) as unknown, type: 'reasoning', text: 'The plan is done.' },
        { id: expect.any(String) as unknown, type: 'agent_message', text: 'Hello from skein exec.' },
      ]);
      // The model saw the whole prompt; the thread's title is its first line only.
      expect(model.requests.at(-1)?.messages.some((m) => m.text.includes('second line'))).toBe(true);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'exec resume runs a new turn in the same thread: the model sees the earlier conversation',
    async () => {
      expect(firstThreadId).not.toBe('');
      model.script([{ text: 'Second answer.' }]);
      const run = await runExecCli(['resume', firstThreadId, 'And again?', '--json', '--data', dataDir], env);
      expect(run.code, run.stderr).toBe(0);
      const events = parseEvents(run.stdout);
      expect(events[0]).toEqual({ type: 'thread.started', thread_id: firstThreadId });
      expect(events.at(-1)?.type).toBe('turn.completed');
      const texts = model.requests.at(-1)?.messages.map((message) => message.text) ?? [];
      expect(texts.join('\n')).toContain('Say hello');
      expect(texts.join('\n')).toContain('Hello from skein exec.');
      expect(texts.at(-1)).toContain('And again?');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'a failing model ends with turn.failed and exit 1',
    async () => {
      model.script([{ error: { status: 400, message: 'The scripted model refuses.' } }]);
      const run = await runExecCli([...base(), '--json', 'Fail please'], env);
      expect(run.code).toBe(1);
      const events = parseEvents(run.stdout);
      expect(events.at(-1)).toMatchObject({
        type: 'turn.failed',
        error: { message: expect.stringContaining('refuses') as unknown },
      });
      expect(events.map((event) => event.type)).not.toContain('turn.completed');
    },
    TEST_TIMEOUT_MS,
  );
});

describe('skein exec (plain)', () => {
  it(
    'reads the prompt from stdin with -, prints only the final message on stdout, and writes it to --output-last-message',
    async () => {
      model.script([{ text: 'The final answer.' }]);
      const outputFile = join(dirs.make('skein-exec-out-'), 'last.txt');
      const run = await runExecCli([...base(), '--output-last-message', outputFile, '-'], env, {
        stdin: 'Prompt from a pipe\n',
      });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toBe('The final answer.\n');
      expect(readFileSync(outputFile, 'utf8')).toBe('The final answer.');
      expect(run.stderr).toMatch(/Turn completed/);
      expect(model.requests.at(-1)?.messages.at(-1)?.text).toContain('Prompt from a pipe');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'exits 2 with a clear message for a folder that is not a repository and for an unknown --sandbox, 1 for an unknown thread',
    async () => {
      const notRepo = dirs.make('skein-exec-not-a-repo-');
      const [badRepo, badSandbox, noThread] = await Promise.all([
        runExecCli(['--repo', notRepo, '--data', dataDir, 'Hi'], env),
        runExecCli([...base(), '--sandbox', 'wide-open', 'Hi'], env),
        // Its own data folder: two runs starting hosts on one folder at once would race for it.
        runExecCli(
          ['resume', 'no-such-thread', 'Hi', '--json', '--data', dirs.make('skein-exec-empty-')],
          env,
        ),
      ]);
      expect(badRepo.code).toBe(2);
      expect(badRepo.stderr).toContain(notRepo);
      expect(badRepo.stderr).toMatch(/not inside a git repository/);
      expect(badRepo.stdout).toBe('');
      expect(badSandbox.code).toBe(2);
      expect(badSandbox.stderr).toMatch(
        /--sandbox must be one of read-only, workspace-write, danger-full-access/,
      );
      expect(existsSync(join(notRepo, '.git'))).toBe(false);
      // A thread that does not exist is not a usage error: exit 1, said as an error event.
      expect(noThread.code).toBe(1);
      const events = parseEvents(noThread.stdout);
      expect(events).toEqual([
        { type: 'error', message: expect.stringMatching(/no-such-thread/) as unknown },
      ]);
    },
    TEST_TIMEOUT_MS,
  );
});
