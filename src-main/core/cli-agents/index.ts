export { createCliAgentService } from './cli-agent-service';
export type { CliAgentService, CliAgentServiceOptions, StartCliAgentInput } from './types';
export { CLI_AGENT_PRESETS } from './presets';
