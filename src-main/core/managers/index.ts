export { createManagerService } from './manager-service';
export { gateRef } from './gate-run';
export type { ManagerService, ManagerServiceDeps, ManagerSpan, StartManagerInput } from './types';
