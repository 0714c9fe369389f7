/**
 * What the preload exposes to the renderer as `window.skein` (desktop only). Deliberately tiny:
 * a message pipe for the contract plus two native calls. The browser build has no bridge and
 * uses a WebSocket for the same pipe.
 */
export interface SkeinBridge {
  /** Sends one JSON-RPC text frame to the host. */
  send(text: string): void;
  /** Receives JSON-RPC text frames from the host; returns an unsubscribe function. */
  onMessage(listener: (text: string) => void): () => void;
  /** Opens the native folder picker; resolves to the chosen path, or null if cancelled. */
  pickFolder(): Promise<string | null>;
  /** Shows a desktop notification. */
  notify(title: string, body: string): void;
}

/** Names the preload exposes; a unit test checks the preload exposes exactly these. */
export const BRIDGE_FUNCTIONS = ['send', 'onMessage', 'pickFolder', 'notify'] as const;

/** IPC channel names between preload and Electron main. */
export const IPC_CHANNELS = {
  rpc: 'skein:rpc',
  pickFolder: 'skein:pick-folder',
  notify: 'skein:notify',
} as const;
