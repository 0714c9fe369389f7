import { describe, expect, test } from 'vitest';
import type { AgentSettingsView } from '../../src-shared/contract';
import {
  describeEffective,
  patchFromValues,
  valuesFromLayer,
} from '../../src-renderer/features/agent-settings/settings-form';
import {
  BACKEND_LABELS,
  BACKEND_OPTIONS,
  backendForStart,
  backendLabel,
} from '../../src-renderer/features/threads/backend-labels';

describe('thread backends in the UI', () => {
  test('the three backends are offered with their names', () => {
    expect(BACKEND_OPTIONS.map((b) => BACKEND_LABELS[b])).toEqual(['Built-in', 'Codex', 'Claude Code']);
    expect(backendLabel('codex')).toBe('Codex');
    // A backend this build does not know still shows (a newer host).
    expect(backendLabel('gemini')).toBe('gemini');
  });

  test('thread/start gets a backend only when the person chose one', () => {
    expect(backendForStart(null)).toEqual({});
    expect(backendForStart('claude')).toEqual({ backend: 'claude' });
  });

  test('the default-backend field patches only when changed, and clears back to inherit', () => {
    const layer = { backend: 'codex' as const, model: 'gpt-5' };
    const values = valuesFromLayer(layer);
    expect(values.backend).toBe('codex');
    expect(patchFromValues(layer, values)).toEqual({});
    expect(patchFromValues(layer, { ...values, backend: 'claude' })).toEqual({ backend: 'claude' });
    expect(patchFromValues(layer, { ...values, backend: '' })).toEqual({ backend: null });
    expect(patchFromValues(null, valuesFromLayer(null))).toEqual({});
  });

  test("a Codex or Claude Code thread's summary names that agent and its own model setting", () => {
    const view: AgentSettingsView = {
      user: {},
      project: null,
      thread: null,
      admin: null,
      effective: {
        provider: 'openai',
        model: 'gpt-5',
        baseUrl: null,
        approvalPolicy: 'on-request',
        sandboxMode: 'workspace-write',
        networkAccess: false,
        contextWindow: 200_000,
        mcpServers: [],
        backend: 'builtin',
        codexPath: null,
        codexModel: 'gpt-5-codex',
        claudeModel: null,
        sources: {},
      },
      keys: { openai: null, anthropic: null },
      keyStorage: { kind: 'file', detail: null },
      sandbox: { available: true, kind: 'bwrap', detail: null },
    };
    expect(describeEffective(view)).toBe('openai · gpt-5 · on-request · workspace-write');
    expect(describeEffective(view, 'codex')).toBe('Codex · gpt-5-codex · on-request · workspace-write');
    expect(describeEffective(view, 'claude')).toBe(
      "Claude Code · Claude Code's model · on-request · workspace-write",
    );
  });
});
