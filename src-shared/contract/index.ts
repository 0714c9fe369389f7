export * from './agent-models';
export * from './channel';
export * from './client';
export * from './errors';
export * from './jsonrpc';
export * from './methods';
export * from './models';
export * from './notifications';
