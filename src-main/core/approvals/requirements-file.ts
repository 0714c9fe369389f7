import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { agentSettingsSchema, type AgentSettings } from '../../../src-shared/contract';
import { createLogger } from '../log';

const log = createLogger('approvals');

/** Environment variable naming the administrator's requirements file (JSON, the agent settings shape). */
export const ADMIN_REQUIREMENTS_ENV = 'SKEIN_ADMIN_REQUIREMENTS';

/** Used when an administrator's file exists but cannot be read: fail closed, never open. */
const FAIL_CLOSED: AgentSettings = {
  approvalPolicy: 'untrusted',
  sandboxMode: 'read-only',
  networkAccess: false,
};

export function adminRequirementsPath(dataDir: string, env: NodeJS.ProcessEnv): string {
  return env[ADMIN_REQUIREMENTS_ENV] || join(dataDir, 'requirements.json');
}

/**
 * The administrator's floor for approval policy, sandbox and network. Read on every use (it is a
 * few bytes) so an edit applies to the next tool call without a restart. Only the safety fields count.
 */
export function readAdminRequirements(path: string): AgentSettings | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    log.error(`Cannot read the admin requirements file ${path}; applying the strictest settings`, error);
    return FAIL_CLOSED;
  }
  try {
    const parsed = agentSettingsSchema.parse(JSON.parse(text));
    const { approvalPolicy, sandboxMode, networkAccess } = parsed;
    return { approvalPolicy, sandboxMode, networkAccess };
  } catch (error) {
    log.error(`The admin requirements file ${path} is not valid; applying the strictest settings`, error);
    return FAIL_CLOSED;
  }
}
