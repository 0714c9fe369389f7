import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  createChannelPair,
  createRpcClient,
  type NotificationName,
  type NotificationParams,
  type RpcClient,
} from '../../src-shared/contract';
import { createHost, type Host } from '../../src-main/host/create-host';
import type { TempDirs } from './git-repo';

/** A fake HOME and CODEX_HOME in temp folders: no test ever reads the developer's skills. */
export interface SkillHomesFixture {
  home: string;
  codexHome: string;
  user: string;
  codex: string;
  claude: string;
}

export function makeSkillHomes(dirs: TempDirs): SkillHomesFixture {
  const home = dirs.make('skein-skills-home-');
  const codexHome = dirs.make('skein-skills-codex-');
  return {
    home,
    codexHome,
    user: join(home, '.agents', 'skills'),
    codex: join(codexHome, 'skills'),
    claude: join(home, '.claude', 'skills'),
  };
}

export function skillMarkdown(
  name: string,
  description = `Helps with ${name}.`,
  body = `Do ${name} things.\n`,
): string {
  return `---\nname: ${name}\ndescription: ${JSON.stringify(description)}\n---\n\n# ${name}\n\n${body}`;
}

/** Writes `<root>/<folder>/SKILL.md` (and extra files); returns the skill's folder. */
export function writeSkill(
  root: string,
  folder: string,
  content: string = skillMarkdown(folder),
  files: Record<string, string> = {},
): string {
  const path = join(root, folder);
  mkdirSync(path, { recursive: true });
  writeFileSync(join(path, 'SKILL.md'), content);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(path, file)), { recursive: true });
    writeFileSync(join(path, file), text);
  }
  return path;
}

/** A real host with fake skill homes and a client that records notifications. */
export class SkillTestHost {
  private readonly seen: Array<{ name: NotificationName; params: unknown }> = [];
  private readonly wakers = new Set<() => void>();

  private constructor(
    readonly host: Host,
    readonly client: RpcClient,
  ) {}

  static async start(
    dataDir: string,
    homes: Pick<SkillHomesFixture, 'home' | 'codexHome'>,
    env?: NodeJS.ProcessEnv,
  ): Promise<SkillTestHost> {
    const host = await createHost({
      dataDir,
      shell: '/bin/sh',
      skills: { home: homes.home, codexHome: homes.codexHome },
      agents: env ? { env } : undefined,
    });
    const [hostSide, clientSide] = createChannelPair();
    host.connect(hostSide);
    const test = new SkillTestHost(host, createRpcClient(clientSide));
    for (const name of ['skills/changed', 'turn/completed', 'thread/updated', 'item/delta'] as const) {
      test.client.on(name, (params) => {
        test.seen.push({ name, params });
        for (const wake of test.wakers) wake();
      });
    }
    return test;
  }

  of<N extends NotificationName>(name: N): NotificationParams<N>[] {
    return this.seen
      .filter((entry) => entry.name === name)
      .map((entry) => entry.params as NotificationParams<N>);
  }

  waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        const value = probe();
        if (value === undefined) return;
        done();
        resolve(value);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.wakers.delete(check);
      };
      this.wakers.add(check);
      check();
    });
  }

  async close(): Promise<void> {
    this.client.close();
    await this.host.dispose();
  }
}
