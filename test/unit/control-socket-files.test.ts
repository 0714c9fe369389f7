import { describe, expect, it } from 'vitest';
import {
  authenticateFrame,
  controlSocketPath,
  parseAuthenticateFrame,
  refusedFrame,
} from '../../src-main/host/control-socket-files';

describe('control socket files and frames', () => {
  it('names host.sock in the data folder, and a named pipe per data folder on Windows', () => {
    expect(controlSocketPath('/home/ana/.config/Skein', 'linux')).toBe('/home/ana/.config/Skein/host.sock');
    const pipe = controlSocketPath('C:\\Users\\ana\\AppData\\Roaming\\Skein', 'win32');
    expect(pipe).toMatch(/^\\\\\.\\pipe\\skein-[0-9a-f]{16}$/);
    expect(controlSocketPath('C:\\Users\\ana\\AppData\\Roaming\\Skein', 'win32')).toBe(pipe);
    expect(controlSocketPath('D:\\skein-data', 'win32')).not.toBe(pipe);
  });

  it('reads the token only from a control/authenticate frame', () => {
    expect(parseAuthenticateFrame(authenticateFrame('abc'))).toEqual({ id: 0, token: 'abc' });
    expect(
      parseAuthenticateFrame('{"jsonrpc":"2.0","id":4,"method":"host/info","params":{"token":"abc"}}'),
    ).toEqual({ id: 4, token: null });
    expect(parseAuthenticateFrame('{"id":{},"method":"control/authenticate","params":{"token":5}}')).toEqual({
      id: null,
      token: null,
    });
    expect(parseAuthenticateFrame('not json')).toEqual({ id: null, token: null });
    expect(parseAuthenticateFrame('null')).toEqual({ id: null, token: null });
  });

  it('refuses with the UNAUTHORIZED code and kind', () => {
    expect(JSON.parse(refusedFrame(3, 'Wrong token.'))).toEqual({
      jsonrpc: '2.0',
      id: 3,
      error: { code: -32012, message: 'Wrong token.', data: { kind: 'UNAUTHORIZED' } },
    });
  });
});
