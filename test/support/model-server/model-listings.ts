/** Model listings: OpenAI's and Anthropic's `GET /v1/models` and Ollama's `GET /api/tags`. */

/** A fixed timestamp keeps listings identical across runs. */
const LISTED_AT_SECONDS = 1_735_689_600; // 2025-01-01T00:00:00Z

export function openAiModelList(models: readonly string[]): unknown {
  return {
    object: 'list',
    data: models.map((id) => ({
      id,
      object: 'model',
      created: LISTED_AT_SECONDS,
      owned_by: 'skein-scripted',
    })),
  };
}

export function anthropicModelList(models: readonly string[]): unknown {
  const createdAt = new Date(LISTED_AT_SECONDS * 1000).toISOString();
  return {
    data: models.map((id) => ({ type: 'model', id, display_name: id, created_at: createdAt })),
    has_more: false,
    first_id: models[0] ?? null,
    last_id: models.at(-1) ?? null,
  };
}

export function ollamaTags(models: readonly string[]): unknown {
  const modifiedAt = new Date(LISTED_AT_SECONDS * 1000).toISOString();
  return {
    models: models.map((name, index) => ({
      name,
      model: name,
      modified_at: modifiedAt,
      size: 0,
      digest: String(index + 1).padStart(64, '0'),
      details: {
        parent_model: '',
        format: 'gguf',
        family: 'scripted',
        families: ['scripted'],
        parameter_size: '0B',
        quantization_level: 'Q4_0',
      },
    })),
  };
}
