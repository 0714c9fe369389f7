import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  SkeinError,
  type CliAgent,
  type CliAgentDetection,
  type CliAgentPresetId,
  type CliAgentStatusSource,
} from '../../../src-shared/contract';
import { createLogger } from '../log';
import { AgentSession, STATUS_TICK_MS, STDIN_SETTLE_MS } from './agent-session';
import { createLoginPathCache, detectExecutable, findExecutable } from './detection';
import { AGENT_ID_VARIABLE, EVENTS_FILE_VARIABLE, hookArgs } from './hooks';
import { CLI_AGENT_PRESETS, presetById } from './presets';
import { DEFAULT_ACTIVITY_TIMING } from './status';
import { createTemplateStore } from './template-store';
import {
  assertPromptDeliverable,
  assertValidTemplate,
  buildAgentArgv,
  validateTemplate,
  type LaunchSpec,
} from './template';
import type { CliAgentService, CliAgentServiceOptions, StartCliAgentInput } from './types';

const log = createLogger('cli-agents');
const DEFAULT_VERSION_ARGS = ['--version'];

/** What to launch, before the executable is found and the hook files are written. */
interface LaunchPlan {
  spec: LaunchSpec;
  name: string;
  presetId: CliAgentPresetId | null;
  templateId: string | null;
  statusSource: CliAgentStatusSource;
}

function hasPrompt(prompt: string | undefined): prompt is string {
  return prompt !== undefined && prompt !== '';
}

export function createCliAgentService(options: CliAgentServiceOptions): CliAgentService {
  const env = options.env ?? process.env;
  const templates = createTemplateStore(options.db);
  const probe = options.loginPath;
  const loginPath = createLoginPathCache(env, probe ? () => probe() : undefined);
  const timing = {
    ...DEFAULT_ACTIVITY_TIMING,
    tickMs: STATUS_TICK_MS,
    stdinSettleMs: STDIN_SETTLE_MS,
    ...options.timing,
  };
  const root = join(options.dataDir, 'cli-agents');
  // Folders of agents from an earlier host run: their processes died with it.
  rmSync(root, { recursive: true, force: true });
  const sessions = new Map<string, AgentSession>();
  const detections = new Map<string, Promise<CliAgentDetection>>();
  let disposed = false;

  function detect(executable: string, versionArgs: readonly string[]): Promise<CliAgentDetection> {
    const key = JSON.stringify([executable, versionArgs]);
    let found = detections.get(key);
    if (!found) {
      found = loginPath
        .get()
        .then((searchPath) => detectExecutable(executable, versionArgs, searchPath, env));
      detections.set(key, found);
    }
    return found;
  }

  function plan(input: StartCliAgentInput): LaunchPlan {
    const chosen = [input.preset, input.templateId, input.template].filter((value) => value !== undefined);
    if (chosen.length !== 1) {
      throw new SkeinError(
        'INVALID_PARAMS',
        'Choose exactly one of a preset, a saved template or a template to start an agent.',
      );
    }
    if (input.preset !== undefined) {
      const preset = presetById(input.preset);
      return {
        spec: {
          executable: preset.executable,
          args: [...preset.args, ...(hasPrompt(input.prompt) ? preset.promptArgs : [])],
          promptDelivery: preset.promptDelivery,
        },
        name: preset.name,
        presetId: preset.id,
        templateId: null,
        statusSource: preset.statusSource,
      };
    }
    const saved = input.templateId !== undefined ? templates.get(input.templateId) : null;
    const template = saved ?? input.template;
    if (!template) throw new SkeinError('INVALID_PARAMS', 'Choose a preset or a template to start an agent.');
    assertValidTemplate(template);
    if (template.promptDelivery !== 'stdin' && !hasPrompt(input.prompt)) {
      throw new SkeinError(
        'INVALID_PARAMS',
        'This template passes a prompt to the agent; write one to start it.',
      );
    }
    const executable = template.executable.trim();
    return {
      spec: { executable, args: template.args, promptDelivery: template.promptDelivery },
      name: saved?.name ?? executable.slice(executable.lastIndexOf('/') + 1),
      presetId: null,
      templateId: saved?.id ?? null,
      statusSource: 'activity',
    };
  }

  return {
    async presets(request = {}) {
      if (request.refresh) {
        loginPath.clear();
        detections.clear();
      }
      const presets = await Promise.all(
        CLI_AGENT_PRESETS.map(async (preset) => ({
          ...preset,
          detection: await detect(preset.executable, preset.versionArgs),
        })),
      );
      const saved = await Promise.all(
        templates.all().map(async (template) => ({
          ...template,
          detection: await detect(template.executable, DEFAULT_VERSION_ARGS),
        })),
      );
      return { presets, templates: saved };
    },

    async start(input) {
      if (disposed) throw new SkeinError('INVALID_STATE', 'Skein is shutting down; agents cannot start now.');
      const launch = plan(input);
      const prompt = hasPrompt(input.prompt) ? input.prompt : null;
      if (prompt !== null) assertPromptDeliverable(launch.spec, prompt);
      const searchPath = await loginPath.get();
      const executablePath = findExecutable(launch.spec.executable, searchPath);
      if (!executablePath) {
        throw new SkeinError(
          'NOT_FOUND',
          `${launch.spec.executable} was not found on your login shell's PATH; install it, or give its absolute path in a custom template.`,
          { executable: launch.spec.executable },
        );
      }

      const agentId = randomUUID();
      const agentDir = join(root, agentId);
      mkdirSync(agentDir, { recursive: true, mode: 0o700 });
      try {
        const eventsFile = join(agentDir, 'events.log');
        writeFileSync(eventsFile, '', { mode: 0o600 });
        const extraArgs = launch.presetId !== null ? hookArgs(launch.presetId, agentDir) : [];
        let promptFile: string | null = null;
        if (launch.spec.promptDelivery === 'file' && prompt !== null) {
          promptFile = join(agentDir, 'prompt.txt');
          writeFileSync(promptFile, prompt, { mode: 0o600 });
        }
        const spec = { ...launch.spec, args: [...extraArgs, ...launch.spec.args] };
        const argv = buildAgentArgv(executablePath, spec, { prompt, promptFile });
        const terminal = options.terminals.open({
          threadId: input.threadId,
          cwd: input.cwd,
          cols: input.cols,
          rows: input.rows,
          title: input.title ?? launch.name,
          argv,
          env: { PATH: searchPath, [EVENTS_FILE_VARIABLE]: eventsFile, [AGENT_ID_VARIABLE]: agentId },
        });
        const now = Date.now();
        const record: CliAgent = {
          id: agentId,
          threadId: input.threadId,
          terminalId: terminal.id,
          presetId: launch.presetId,
          templateId: launch.templateId,
          name: launch.name,
          executable: executablePath,
          status: 'working',
          statusSource: launch.statusSource,
          exitCode: null,
          startedAt: now,
          statusChangedAt: now,
        };
        const session = new AgentSession({
          record,
          terminals: options.terminals,
          publisher: options.publisher,
          agentDir,
          eventsFile,
          stdinPrompt: launch.spec.promptDelivery === 'stdin' ? prompt : null,
          timing,
          onEnded: (agent) =>
            log.info(`CLI agent ${agent.name} (${agent.id}) exited with ${String(agent.exitCode)}`),
        });
        sessions.set(agentId, session);
        await session.watch();
        return { terminal, agent: session.agent };
      } catch (error) {
        const session = sessions.get(agentId);
        if (session) session.dispose();
        else rmSync(agentDir, { recursive: true, force: true });
        sessions.delete(agentId);
        throw error;
      }
    },

    list(threadId) {
      return [...sessions.values()]
        .map((s) => s.agent)
        .filter((agent) => threadId === undefined || agent.threadId === threadId);
    },

    stop(agentId) {
      const session = sessions.get(agentId);
      if (!session)
        throw new SkeinError(
          'NOT_FOUND',
          `There is no CLI agent ${agentId}; it may have ended with an earlier run of Skein.`,
          { agentId },
        );
      session.stop();
    },

    validateTemplate: (input) => validateTemplate(input),

    saveTemplate(input) {
      assertValidTemplate(input);
      const template = templates.save(input);
      detections.delete(JSON.stringify([template.executable, DEFAULT_VERSION_ARGS]));
      options.publisher.publish('cliAgents/templatesChanged', {});
      return template;
    },

    removeTemplate(templateId) {
      templates.remove(templateId);
      options.publisher.publish('cliAgents/templatesChanged', {});
    },

    async dispose() {
      disposed = true;
      for (const session of sessions.values()) session.dispose();
      await Promise.resolve();
    },
  };
}
