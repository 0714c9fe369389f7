export {
  DEFAULT_SCRIPTED_MODELS,
  startModelServer,
  type ModelServer,
  type ModelServerOptions,
} from './server';
export type {
  ApiKind,
  NormalizedMessage,
  NormalizedTool,
  RecordedRequest,
  ScriptResponder,
  ScriptedError,
  ScriptedReply,
  ScriptedStopReason,
  ScriptedToolCall,
  ScriptedUsage,
} from './script-types';
