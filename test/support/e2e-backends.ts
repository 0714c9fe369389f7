import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { agentServeEnv } from './e2e-agent-page';
import { createCodexSandbox, type CodexSandbox } from './codex-backend-fixtures';
import { startServe, type ServeProcess } from './e2e-serve';
import type { TempDirs } from './git-repo';
import type { ModelServer, RecordedRequest, ScriptedReply } from './model-server';

/** Where npm put the `codex` launcher; a user's login profile would point at npm's global bin the same way. */
const CODEX_BIN_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'node_modules', '.bin');

/**
 * `skein serve` for both backends at once: the built-in agent talks to the scripted server through
 * agentServeEnv, and Codex finds its config.toml (scripted provider) in the sandbox HOME's .codex.
 * The login profile puts node_modules/.bin (codex) and node (its launcher's interpreter) on PATH:
 * the host looks for codex on the login shell's PATH, and Debian's /etc/profile resets PATH.
 */
export async function startBackendsServe(
  temp: TempDirs,
  dataDir: string,
  model: ModelServer,
  proxyUrl: string,
): Promise<{ serve: ServeProcess; sandbox: CodexSandbox }> {
  const sandbox = createCodexSandbox(temp, model.url, proxyUrl);
  writeFileSync(
    join(sandbox.home, '.bash_profile'),
    `PATH='${CODEX_BIN_DIR}':'${dirname(process.execPath)}':"$PATH"\nexport PATH\n`,
  );
  const serve = await startServe(dataDir, sandbox.home, {
    ...sandbox.env,
    ...agentServeEnv(model),
    CODEX_HOME: sandbox.codexHome,
  });
  return { serve, sandbox };
}

/** One file edit and one closing sentence for a thread, recognized by a marker in its task. */
export interface ScriptedEdit {
  marker: string;
  callId: string;
  /** The tool call that edits the file, in the calling agent's own tool vocabulary. */
  call: { name: string; arguments: Record<string, unknown> };
  finalText: string;
}

/**
 * Answers both agents from one server, whatever order their requests interleave in: a request
 * whose conversation carries an edit's marker gets the edit until the tool's result is in it,
 * then the closing sentence. Anything else (a request neither task explains) gets a short text.
 */
export function routeByMarker(edits: ScriptedEdit[]): (request: RecordedRequest) => ScriptedReply {
  return (request) => {
    const asked = request.messages
      .filter((message) => message.role === 'user')
      .map((message) => message.text)
      .join('\n');
    const edit = edits.find((candidate) => asked.includes(candidate.marker));
    if (!edit) return { text: 'Nothing to do here.' };
    const answered = request.messages.some(
      (message) => message.role === 'tool' && message.toolCallId === edit.callId,
    );
    if (answered) return { text: edit.finalText };
    return { toolCalls: [{ id: edit.callId, ...edit.call }] };
  };
}

/** Requests that carried `marker` in a user message. */
export function requestsFor(model: ModelServer, marker: string): RecordedRequest[] {
  return model.requests.filter((request) =>
    request.messages.some((message) => message.role === 'user' && message.text.includes(marker)),
  );
}
