import type { RecordedRequest, ScriptedReply } from '../../test/support/model-server';

/**
 * What the scripted model does in each soak turn: read a file, write a new one with apply_patch, run a
 * shell command that moves it into place and lists the folder, then answer in streamed text (and a
 * short summary when the host compacts the conversation). The user
 * message carries `[soak <thread>:<turn>]`; the step is the number of tool results after it.
 */

const TAG = /\[soak (\d+):(\d+)\]/;

export const soakMessage = (thread: number, turn: number): string =>
  `[soak ${thread}:${turn}] Do the next small change.`;

export function soakReply(request: RecordedRequest): ScriptedReply {
  // A compaction asks for a summary with no tools offered.
  if (request.tools.length === 0)
    return {
      text: 'Summary: the soak agent read README.md, wrote scratch files and moved them to work.txt.',
    };
  const lastUser = request.messages.map((message) => message.role).lastIndexOf('user');
  const tag = TAG.exec(request.messages[lastUser]?.text ?? '');
  if (!tag) return { text: 'No soak tag in this request.' };
  const turn = tag[2] as string;
  const step = request.messages.slice(lastUser + 1).filter((message) => message.role === 'tool').length;
  const id = `call_${tag[1]}_${turn}_${step}`;
  switch (step) {
    case 0:
      return { toolCalls: [{ id, name: 'read_file', arguments: { path: 'README.md' } }] };
    case 1: {
      const patch = [
        '*** Begin Patch',
        `*** Add File: scratch-${turn}.txt`,
        `+turn ${turn}`,
        '+'.padEnd(200, 'x'),
        '*** End Patch',
      ];
      return { toolCalls: [{ id, name: 'apply_patch', arguments: { patch: patch.join('\n') } }] };
    }
    case 2:
      return {
        toolCalls: [
          {
            id,
            name: 'shell',
            arguments: { command: `mv scratch-${turn}.txt work.txt && ls -la && git status --short` },
          },
        ],
      };
    default:
      return { text: ['Turn ', turn, ' done: ', 'read, wrote and moved a file.'] };
  }
}
