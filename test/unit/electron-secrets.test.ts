import { beforeEach, describe, expect, it } from 'vitest';
import { createChannelPair, type MessageChannel } from '../../src-shared/contract';
import { createHostSupervisor } from '../../src-main/electron/host-supervisor';
import type { HostProcess } from '../../src-main/electron/host-process';
import {
  createSecretsHandler,
  NO_KEYRING_DETAIL,
  PLAIN_TEXT_KEYRING_DETAIL,
} from '../../src-main/electron/secrets-handler';
import { createParentSecrets } from '../../src-main/host/secrets/parent-secrets';
import { secretsRequestFrame } from '../../src-main/host/secrets/secrets-frames';
import { resetElectronStub, safeStorage } from '../support/electron-stub';

const KEY = 'sk-unit-secret-91f0c2';
const ID = 'skein-secrets:00000000-0000-4000-8000-000000000001';

beforeEach(() => resetElectronStub());

async function ask(handler: ReturnType<typeof createSecretsHandler>, method: string, params: unknown) {
  const frame = await handler(JSON.stringify({ jsonrpc: '2.0', method, id: ID, params }));
  return frame === null
    ? null
    : (JSON.parse(frame) as { result?: Record<string, unknown>; error?: { message: string } });
}

describe('secrets handler (Electron main)', () => {
  it('seals with safeStorage so the key never shows, and unseals it back', async () => {
    const handler = createSecretsHandler(safeStorage, 'linux');
    expect((await ask(handler, 'secrets/status', {}))?.result).toEqual({ available: true, detail: null });
    const sealed = (await ask(handler, 'secrets/seal', { text: KEY }))?.result?.sealed;
    expect(typeof sealed).toBe('string');
    expect(sealed).not.toContain(KEY);
    expect(Buffer.from(String(sealed), 'base64').toString('utf8')).not.toContain(KEY);
    expect((await ask(handler, 'secrets/unseal', { sealed }))?.result).toEqual({ text: KEY, reseal: false });
    safeStorage.shouldReEncrypt = true;
    expect((await ask(handler, 'secrets/unseal', { sealed }))?.result).toEqual({ text: KEY, reseal: true });
  });

  it('reports no keyring, and treats Linux basic_text as none', async () => {
    safeStorage.available = false;
    const handler = createSecretsHandler(safeStorage, 'linux');
    expect((await ask(handler, 'secrets/status', {}))?.result).toEqual({
      available: false,
      detail: NO_KEYRING_DETAIL,
    });
    const refused = await ask(handler, 'secrets/seal', { text: KEY });
    expect(refused?.error?.message).toMatch(/not available/);
    expect(JSON.stringify(refused)).not.toContain(KEY);

    safeStorage.available = true;
    safeStorage.backend = 'basic_text';
    expect((await ask(handler, 'secrets/status', {}))?.result).toEqual({
      available: false,
      detail: PLAIN_TEXT_KEYRING_DETAIL,
    });
    // The backend name is a Linux notion; elsewhere a working safeStorage is a keyring.
    expect((await ask(createSecretsHandler(safeStorage, 'darwin'), 'secrets/status', {}))?.result).toEqual({
      available: true,
      detail: null,
    });
  });

  it('drops malformed frames and answers bad requests with an error', async () => {
    const handler = createSecretsHandler(safeStorage, 'linux');
    expect(await handler('{"jsonrpc":"2.0","method":"secrets/seal"')).toBeNull();
    expect(
      await handler(JSON.stringify({ jsonrpc: '2.0', method: 'secrets/seal', id: 'other', params: {} })),
    ).toBeNull();
    expect(
      (await ask(handler, 'secrets/unseal', { sealed: Buffer.from('garbage').toString('base64') }))?.error
        ?.message,
    ).toMatch(/secrets\/unseal failed/);
    expect((await ask(handler, 'secrets/seal', { text: 7 }))?.error).toBeDefined();
  });
});

/** A host process that is only a channel: the test plays the host on the other end. */
function fakeLauncher(): { launch: () => HostProcess; host: () => MessageChannel } {
  let hostSide: MessageChannel | null = null;
  return {
    launch: () => {
      const [mainSide, other] = createChannelPair();
      hostSide = other;
      return {
        pid: 1,
        channel: mainSide,
        exited: new Promise<string>(() => undefined),
        stop: () => Promise.resolve(),
      };
    },
    host: () => {
      if (!hostSide) throw new Error('not launched');
      return hostSide;
    },
  };
}

describe('secrets over the supervised host pipe', () => {
  it('answers the host in main and never relays either direction to the window', async () => {
    const launcher = fakeLauncher();
    const supervisor = createHostSupervisor({
      launch: launcher.launch,
      secrets: createSecretsHandler(safeStorage, 'linux'),
    });
    const toWindow: string[] = [];
    supervisor.onFrame((text) => toWindow.push(text));
    supervisor.start();

    // The host's real client, on the host's end of the pipe.
    const secrets = createParentSecrets();
    const routed: string[] = [];
    secrets.attach(launcher.host()).onMessage((text) => routed.push(text));
    const sealed = await secrets.sealer.seal(KEY);
    expect(await secrets.sealer.unseal(sealed)).toEqual({ text: KEY, reseal: false });
    expect(await secrets.sealer.status()).toEqual({ available: true, detail: null });

    launcher.host().send('{"jsonrpc":"2.0","method":"thread/updated","params":{}}');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(toWindow).toEqual(['{"jsonrpc":"2.0","method":"thread/updated","params":{}}']);
    // The router saw none of main's answers either.
    expect(routed).toEqual([]);
    await supervisor.stop();
  });

  it('refuses secrets when main has no handler', async () => {
    const launcher = fakeLauncher();
    const supervisor = createHostSupervisor({ launch: launcher.launch });
    const toWindow: string[] = [];
    supervisor.onFrame((text) => toWindow.push(text));
    supervisor.start();
    const secrets = createParentSecrets();
    secrets.attach(launcher.host());
    await expect(secrets.sealer.seal(KEY)).rejects.toThrow(/does not keep secrets/);
    expect(toWindow).toEqual([]);
    await supervisor.stop();
  });

  it('fails pending requests when the pipe closes, and times out a silent parent', async () => {
    const [hostSide, parentSide] = createChannelPair();
    const silent = createParentSecrets(50);
    silent.attach(hostSide);
    const seen: string[] = [];
    parentSide.onMessage((text) => seen.push(text));
    await expect(silent.sealer.status()).rejects.toThrow(/did not answer secrets\/status/);
    expect(seen[0]).toBe(
      secretsRequestFrame('secrets/status', (JSON.parse(seen[0] ?? '{}') as { id: string }).id, {}),
    );

    const [a] = createChannelPair();
    const closing = createParentSecrets();
    closing.attach(a);
    const waiting = closing.sealer.seal(KEY);
    a.close();
    await expect(waiting).rejects.toThrow(/closed/);
  });
});
