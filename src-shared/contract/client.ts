import type { MessageChannel } from './channel';
import { errorKindForCode, type ErrorKind } from './errors';
import type { RpcErrorObject } from './jsonrpc';
import type { MethodName, MethodParams, MethodResult } from './methods';
import type { NotificationName, NotificationParams } from './notifications';

/** A failed call as the client sees it: the host's sentence plus its stable kind. */
export class RpcError extends Error {
  readonly code: number;
  readonly kind: ErrorKind;
  readonly details?: Record<string, unknown>;

  constructor(error: RpcErrorObject) {
    super(error.message);
    this.name = 'RpcError';
    this.code = error.code;
    const data = (error.data ?? {}) as { kind?: ErrorKind; details?: Record<string, unknown> };
    this.kind = data.kind ?? errorKindForCode(error.code);
    this.details = data.details;
  }
}

type DomainOf<M> = M extends `${infer D}/${string}` ? D : never;
type Domain = DomainOf<MethodName>;

/** `api.thread.start(params)` for `thread/start`: the proxy client typed from the contract. */
export type RpcApi = {
  [D in Domain]: {
    [M in MethodName as M extends `${D}/${infer V}` ? V : never]: (
      params: MethodParams<M>,
    ) => Promise<MethodResult<M>>;
  };
};

export interface RpcClient {
  call<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>>;
  on<N extends NotificationName>(name: N, listener: (params: NotificationParams<N>) => void): () => void;
  onClose(listener: (reason?: string) => void): () => void;
  readonly api: RpcApi;
  close(): void;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export function createRpcClient(channel: MessageChannel): RpcClient {
  let nextId = 1;
  let closedReason: string | undefined;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(params: unknown) => void>>();

  channel.onMessage((text) => {
    let message: {
      id?: unknown;
      method?: unknown;
      params?: unknown;
      result?: unknown;
      error?: RpcErrorObject;
    };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      return;
    }
    if (typeof message.method === 'string') {
      for (const listener of listeners.get(message.method) ?? []) listener(message.params);
      return;
    }
    if (typeof message.id !== 'number') return;
    const entry = pending.get(message.id);
    if (!entry) return;
    pending.delete(message.id);
    if (message.error) entry.reject(new RpcError(message.error));
    else entry.resolve(message.result);
  });

  channel.onClose((reason) => {
    closedReason = reason ?? 'closed';
    for (const entry of pending.values()) {
      entry.reject(new Error(`The connection to the Skein host closed (${closedReason}).`));
    }
    pending.clear();
  });

  const call = <M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>> => {
    if (closedReason !== undefined) {
      return Promise.reject(new Error(`The connection to the Skein host closed (${closedReason}).`));
    }
    const id = nextId++;
    return new Promise<MethodResult<M>>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      channel.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    });
  };

  const api = new Proxy({} as RpcApi, {
    get(_target, domain) {
      if (typeof domain !== 'string') return undefined;
      return new Proxy(
        {},
        {
          get(_inner, verb) {
            if (typeof verb !== 'string') return undefined;
            return (params: unknown) => call(`${domain}/${verb}` as MethodName, params as never);
          },
        },
      );
    },
  });

  return {
    call,
    api,
    on(name, listener) {
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      const wrapped = listener as (params: unknown) => void;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
    onClose: (listener) => channel.onClose(listener),
    close: () => channel.close(),
  };
}
