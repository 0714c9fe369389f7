import type { Model, ModelRequest, ModelResponse, StreamEvent } from '@openai/agents';
import type { Compactor } from './compaction';

/**
 * The provider's model with compaction in front of each call. The SDK's `callModelInputFilter`
 * could do the same, but with a filter the SDK deep-clones and re-keys the whole conversation on
 * every model call (a few milliseconds per call at 16 threads); the model sees exactly the same
 * input either way. The compactor is set per run round; without one, requests pass unchanged.
 */
export class CompactingModel implements Model {
  compactor: Compactor | null = null;

  constructor(readonly inner: Model) {}

  async getResponse(request: ModelRequest): Promise<ModelResponse> {
    return this.inner.getResponse(this.compactor ? await this.compactor.prepare(request) : request);
  }

  async *getStreamedResponse(request: ModelRequest): AsyncIterable<StreamEvent> {
    yield* this.inner.getStreamedResponse(this.compactor ? await this.compactor.prepare(request) : request);
  }
}
