export { createTraceService, type TraceService, type TraceServiceDeps } from './trace-service';
export type { RecordedSpan } from './span-rows';
