import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepo, TempDirs, type TestRepo } from '../support/git-repo';
import { SKEIN_MCP_TOOLS } from '../support/mcp-server-fixtures';
import { REPO_ROOT, skeinCliArgs } from '../support/skein-cli-process';
import { startThreadsHost } from '../support/threads-host';

/** The inspector starts `skein mcp` for each call; a loaded 2-core machine needs a while. */
const INSPECTOR_TIMEOUT_MS = 150_000;
const INSPECTOR = join(REPO_ROOT, 'node_modules', '.bin', 'mcp-inspector');

const dirs = new TempDirs();
let repo: TestRepo;
let dataDir: string;
let home: string;
let threadId: string;

/** `mcp-inspector --cli … -- node <skein cli> mcp --data DIR`: the inspector launches skein mcp over stdio. */
function inspect(args: readonly string[]): Promise<unknown> {
  const command = [
    '--cli',
    '-e',
    `HOME=${home}`,
    '-e',
    'SKEIN_LOG_LEVEL=warn',
    ...args,
    '--',
    process.execPath,
    ...skeinCliArgs(),
    'mcp',
    '--data',
    dataDir,
  ];
  return new Promise((resolve, reject) => {
    execFile(
      INSPECTOR,
      command,
      { cwd: REPO_ROOT, timeout: INSPECTOR_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`mcp-inspector failed: ${error.message}\nstdout:\n${stdout}\nstderr:\n${stderr}`));
          return;
        }
        try {
          resolve(JSON.parse(stdout));
        } catch {
          reject(new Error(`mcp-inspector printed no JSON:\n${stdout}\nstderr:\n${stderr}`));
        }
      },
    );
  });
}

beforeAll(async () => {
  repo = createRepo(dirs);
  dataDir = dirs.make('skein-inspector-data-');
  home = dirs.make('skein-inspector-home-');
  // A thread made by a host that then stops, so that skein mcp starts its own host on the folder.
  const host = await startThreadsHost(dataDir);
  try {
    const project = await host.client.api.project.add({ path: repo.path });
    const thread = await host.client.api.thread.start({ projectId: project.id, title: 'Inspected thread' });
    threadId = (await host.waitForStatus(thread.id, 'ready')).id;
  } finally {
    await host.close();
  }
});

afterAll(() => dirs.cleanup());

describe('@modelcontextprotocol/inspector --cli against skein mcp', () => {
  it(
    'tools/list names every tool, each with an output schema',
    async () => {
      const listed = (await inspect(['--method', 'tools/list'])) as {
        tools: { name: string; outputSchema?: { type?: string } }[];
      };
      expect(listed.tools.map((tool) => tool.name).sort()).toEqual(SKEIN_MCP_TOOLS);
      for (const tool of listed.tools) expect(tool.outputSchema?.type, tool.name).toBe('object');
    },
    INSPECTOR_TIMEOUT_MS,
  );

  it(
    'tools/call thread_list answers with the structured list of threads',
    async () => {
      // --tool-arg is variadic: it goes first so that the next flag, not the server command, ends it.
      const result = (await inspect([
        '--tool-arg',
        `repo=${repo.path}`,
        '--method',
        'tools/call',
        '--tool-name',
        'thread_list',
      ])) as { isError?: boolean; structuredContent?: { threads: unknown[] } };
      expect(result.isError ?? false).toBe(false);
      expect(result.structuredContent?.threads).toEqual([
        expect.objectContaining({
          threadId,
          title: 'Inspected thread',
          repo: repo.path,
          status: 'ready',
        }),
      ]);
    },
    INSPECTOR_TIMEOUT_MS,
  );
});
