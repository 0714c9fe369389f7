import { describe, expect, it } from 'vitest';
import {
  describeKeySource,
  describeKeyStorage,
  patchFromValues,
  valuesFromLayer,
} from '../../src-renderer/features/agent-settings/settings-form';

describe('agent settings form', () => {
  it('shows an empty layer as "inherit" everywhere', () => {
    expect(valuesFromLayer(null)).toEqual({
      provider: '',
      model: '',
      baseUrl: '',
      approvalPolicy: '',
      sandboxMode: '',
      networkAccess: '',
      backend: '',
      codexModel: '',
      claudeModel: '',
      codexPath: '',
    });
  });

  it('sets, trims and clears the Codex and Claude Code fields like the others', () => {
    const layer = { codexModel: 'gpt-5-codex', codexPath: '/opt/codex' };
    const values = valuesFromLayer(layer);
    expect(
      patchFromValues(layer, {
        ...values,
        codexModel: '',
        claudeModel: ' claude-x ',
        codexPath: '/opt/codex',
      }),
    ).toEqual({ codexModel: null, claudeModel: 'claude-x' });
  });

  it('sends only what changed: new values set, cleared fields go back to inherit with null', () => {
    const layer = { provider: 'anthropic' as const, approvalPolicy: 'never' as const, networkAccess: true };
    const values = { ...valuesFromLayer(layer), approvalPolicy: 'untrusted' as const, provider: '' as const };
    expect(patchFromValues(layer, { ...values, model: '  gpt-x  ', networkAccess: 'on' })).toEqual({
      approvalPolicy: 'untrusted',
      provider: null,
      model: 'gpt-x',
    });
  });

  it('sends nothing when nothing changed', () => {
    const layer = { sandboxMode: 'read-only' as const };
    expect(patchFromValues(layer, valuesFromLayer(layer))).toEqual({});
  });

  it('turns network choices into booleans and inherit into null', () => {
    expect(patchFromValues({}, { ...valuesFromLayer({}), networkAccess: 'off' })).toEqual({
      networkAccess: false,
    });
    expect(patchFromValues({ networkAccess: false }, valuesFromLayer(null))).toEqual({ networkAccess: null });
  });

  it('says where a key comes from without ever showing it', () => {
    expect(describeKeySource('env')).toBe('Set from environment');
    expect(describeKeySource('stored')).toBe('Stored');
    expect(describeKeySource(null)).toBe('Not set');
  });

  it('says where stored keys go, and why the keyring is not used when it is not', () => {
    expect(describeKeyStorage({ kind: 'safe-storage', detail: null })).toBe(
      'Stored keys are encrypted with the system keyring.',
    );
    expect(describeKeyStorage({ kind: 'file', detail: 'No keyring here.' })).toMatch(
      /^Stored keys are kept unencrypted in a file only your user can read .* No keyring here\.$/,
    );
  });
});
