import { describe, expect, it } from 'vitest';
import {
  ERROR_CODES,
  SkeinError,
  createChannelPair,
  createRpcClient,
  RpcError,
} from '../../src-shared/contract';
import { createConnection } from '../../src-main/host/connection';
import { Router } from '../../src-main/host/router';

function connectRouter(router: Router) {
  const [clientSide, hostSide] = createChannelPair();
  const connection = createConnection(hostSide);
  hostSide.onMessage((text) => {
    void router.handle(text, { connection }).then((response) => {
      if (response !== null) connection.send(response);
    });
  });
  return { client: createRpcClient(clientSide), connection, clientSide };
}

const project = {
  id: 'p1',
  name: 'repo',
  path: '/tmp/repo',
  defaultBase: 'main',
  settings: { setupFiles: [], setupCommand: null, poolSize: 2, checkCommand: null },
  createdAt: 1,
};

describe('Router', () => {
  it('routes a valid request to its handler with parsed params and returns the result', async () => {
    const router = new Router();
    const seen: unknown[] = [];
    router.register('project/add', (params) => {
      seen.push(params);
      return { ...project, path: params.path };
    });
    const { client } = connectRouter(router);
    const result = await client.api.project.add({ path: '/some/where' });
    expect(result.path).toBe('/some/where');
    expect(seen).toEqual([{ path: '/some/where' }]);
  });

  it('rejects params that do not match the schema before the handler runs', async () => {
    const router = new Router();
    let called = false;
    router.register('project/add', () => {
      called = true;
      return project;
    });
    const { client } = connectRouter(router);
    const error = await client.call('project/add', { path: 42 } as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcError);
    expect((error as RpcError).code).toBe(ERROR_CODES.INVALID_PARAMS);
    expect((error as RpcError).message).toMatch(/path/);
    expect(called).toBe(false);
  });

  it('rejects unknown params keys (strict schemas)', async () => {
    const router = new Router();
    router.register('project/list', () => ({ projects: [] }));
    const { client } = connectRouter(router);
    const error = (await client
      .call('project/list', { extra: 1 } as never)
      .catch((e: unknown) => e)) as RpcError;
    expect(error.kind).toBe('INVALID_PARAMS');
  });

  it('turns a SkeinError into a JSON-RPC error with its stable kind and details', async () => {
    const router = new Router();
    router.register('project/add', () => {
      throw new SkeinError('NOT_A_GIT_REPO', '/x is not inside a git repository.', { path: '/x' });
    });
    const { client } = connectRouter(router);
    const error = (await client.api.project.add({ path: '/x' }).catch((e: unknown) => e)) as RpcError;
    expect(error.kind).toBe('NOT_A_GIT_REPO');
    expect(error.code).toBe(ERROR_CODES.NOT_A_GIT_REPO);
    expect(error.details).toEqual({ path: '/x' });
    expect(error.message).toBe('/x is not inside a git repository.');
  });

  it('hides unexpected errors behind INTERNAL with a sentence', async () => {
    const router = new Router();
    router.register('project/list', () => {
      throw new TypeError('boom');
    });
    const { client } = connectRouter(router);
    const error = (await client.api.project.list({}).catch((e: unknown) => e)) as RpcError;
    expect(error.kind).toBe('INTERNAL');
    expect(error.message).toMatch(/unexpected error in project\/list: boom/);
  });

  it('refuses a result that does not match its schema (host bugs surface as errors)', async () => {
    const router = new Router();
    router.register('project/list', () => ({ projects: [{ id: 1 }] }) as never);
    const { client } = connectRouter(router);
    const error = (await client.api.project.list({}).catch((e: unknown) => e)) as RpcError;
    expect(error.kind).toBe('INTERNAL');
  });

  it.each([
    ['not json', '{nope', ERROR_CODES.PARSE_ERROR],
    ['an array (batch)', '[]', ERROR_CODES.INVALID_REQUEST],
    [
      'a wrong version',
      JSON.stringify({ jsonrpc: '1.0', id: 1, method: 'host/info' }),
      ERROR_CODES.INVALID_REQUEST,
    ],
    [
      'a null id',
      JSON.stringify({ jsonrpc: '2.0', id: null, method: 'host/info' }),
      ERROR_CODES.INVALID_REQUEST,
    ],
    [
      'an object id',
      JSON.stringify({ jsonrpc: '2.0', id: {}, method: 'host/info' }),
      ERROR_CODES.INVALID_REQUEST,
    ],
    [
      'an unknown method',
      JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'nope/never' }),
      ERROR_CODES.METHOD_NOT_FOUND,
    ],
    [
      'a prototype key as method',
      JSON.stringify({ jsonrpc: '2.0', id: 1, method: '__proto__' }),
      ERROR_CODES.METHOD_NOT_FOUND,
    ],
  ])('answers %s with the right JSON-RPC error', async (_label, frame, code) => {
    const router = new Router();
    const connection = createConnection(createChannelPair()[1]);
    const response = await router.handle(frame, { connection });
    expect(response).not.toBeNull();
    const parsed = JSON.parse(response ?? '') as { error: { code: number; message: string } };
    expect(parsed.error.code).toBe(code);
    expect(parsed.error.message.length).toBeGreaterThan(10);
  });

  it('does not answer notifications (no id), even failing ones', async () => {
    const router = new Router();
    const connection = createConnection(createChannelPair()[1]);
    const response = await router.handle(JSON.stringify({ jsonrpc: '2.0', method: 'nope/never' }), {
      connection,
    });
    expect(response).toBeNull();
  });

  it('refuses to register a handler twice', () => {
    const router = new Router();
    router.register('host/info', () => {
      throw new Error('unused');
    });
    expect(() =>
      router.register('host/info', () => {
        throw new Error('unused');
      }),
    ).toThrow(/twice/);
  });
});

describe('RPC client', () => {
  it('delivers notifications to listeners by name and stops after unsubscribe', async () => {
    const router = new Router();
    const { client, connection } = connectRouter(router);
    const received: string[] = [];
    const off = client.on('thread/removed', (params) => received.push(params.threadId));
    connection.notify('thread/removed', { threadId: 'a' });
    await new Promise((r) => setTimeout(r, 0));
    off();
    connection.notify('thread/removed', { threadId: 'b' });
    await new Promise((r) => setTimeout(r, 0));
    expect(received).toEqual(['a']);
  });

  it('rejects pending and later calls once the channel closes', async () => {
    const router = new Router();
    router.register('project/list', () => new Promise(() => undefined));
    const { client, clientSide } = connectRouter(router);
    const pending = client.api.project.list({});
    await new Promise((r) => setTimeout(r, 0));
    clientSide.close();
    await expect(pending).rejects.toThrow(/closed/);
    await expect(client.api.project.list({})).rejects.toThrow(/closed/);
  });
});
