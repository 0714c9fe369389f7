/**
 * Variables that hold the host's provider keys (KEY_ENV of the agents' key store). Named here rather
 * than imported: the check runner is used by the agents' orchestration, not the other way round.
 */
const PROVIDER_KEY_VARIABLES = new Set(['OPENAI_API_KEY', 'ANTHROPIC_API_KEY']);

/**
 * The environment a check runs with: the host's, without its provider keys, whether they sit under
 * their usual names or any other (a key stored in Skein and also exported as MY_KEY). The check
 * runs code an agent wrote, so it gets what the agent's own commands get and no more.
 */
export function checkEnvironment(env: NodeJS.ProcessEnv, secrets: readonly string[] = []): NodeJS.ProcessEnv {
  const keyValues = new Set(secrets.filter((secret) => secret !== ''));
  for (const name of PROVIDER_KEY_VARIABLES) {
    const value = env[name];
    if (value) keyValues.add(value);
  }
  const clean: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || PROVIDER_KEY_VARIABLES.has(name) || keyValues.has(value)) continue;
    clean[name] = value;
  }
  return clean;
}
