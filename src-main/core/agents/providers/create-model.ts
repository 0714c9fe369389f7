import Anthropic from '@anthropic-ai/sdk';
import { OpenAIChatCompletionsModel, OpenAIResponsesModel, type Model } from '@openai/agents';
import OpenAI from 'openai';
import { SkeinError, type EffectiveAgentSettings } from '../../../../src-shared/contract';
import type { KeyStore } from '../settings/key-store';
import { ollamaUrl } from '../settings/resolve-settings';
import { AnthropicMessagesModel } from './anthropic-model';

/** Local servers (Ollama, LM Studio, llama.cpp) ignore the key, but the OpenAI client insists on one. */
const PLACEHOLDER_KEY = 'not-needed';
/** The SDK clients retry 429s and 5xx on their own this many times (with backoff). */
const CLIENT_MAX_RETRIES = 2;

function missingKey(name: string, variable: string): SkeinError {
  return new SkeinError(
    'INVALID_STATE',
    `No ${name} key is configured. Set ${variable} in the environment Skein starts from, or store a key in the agent settings.`,
    { variable },
  );
}

/** The agent SDK model for the resolved settings, talking to the configured endpoint with the configured key. */
export async function createModel(
  settings: EffectiveAgentSettings,
  keys: KeyStore,
  env: NodeJS.ProcessEnv,
): Promise<Model> {
  switch (settings.provider) {
    case 'openai':
    case 'openai-chat': {
      const key = await keys.get('openai');
      // A custom Chat Completions endpoint (vLLM, LM Studio) often needs no key.
      if (!key && !(settings.provider === 'openai-chat' && settings.baseUrl))
        throw missingKey('OpenAI', 'OPENAI_API_KEY');
      const client = new OpenAI({
        apiKey: key?.key ?? PLACEHOLDER_KEY,
        baseURL: settings.baseUrl ?? undefined,
        maxRetries: CLIENT_MAX_RETRIES,
      });
      return settings.provider === 'openai'
        ? new OpenAIResponsesModel(client, settings.model)
        : new OpenAIChatCompletionsModel(client, settings.model);
    }
    case 'ollama': {
      const client = new OpenAI({
        apiKey: PLACEHOLDER_KEY,
        baseURL: `${ollamaUrl(env, settings.baseUrl)}/v1`,
        maxRetries: CLIENT_MAX_RETRIES,
      });
      return new OpenAIChatCompletionsModel(client, settings.model);
    }
    case 'anthropic': {
      const key = await keys.get('anthropic');
      if (!key) throw missingKey('Anthropic', 'ANTHROPIC_API_KEY');
      const client = new Anthropic({
        apiKey: key.key,
        baseURL: settings.baseUrl ?? undefined,
        maxRetries: CLIENT_MAX_RETRIES,
      });
      return new AnthropicMessagesModel(client, settings.model);
    }
  }
}
