import type { Item } from '../../../../src-shared/contract';

type Fields = Record<string, unknown>;

function parseArguments(json: string): Fields {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : {};
  } catch {
    return {};
  }
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const textOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function planSteps(value: unknown): { step: string; status: 'pending' | 'in_progress' | 'completed' }[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry: unknown) => {
    const step = entry as { step?: unknown; status?: unknown } | null;
    const status = step?.status;
    if (typeof step?.step !== 'string') return [];
    if (status !== 'pending' && status !== 'in_progress' && status !== 'completed') return [];
    return [{ step: step.step, status }];
  });
}

/** The kind-specific fields of the item that stands for a call of `toolName`, from its arguments. */
export function toolItemFields(
  toolName: string,
  argumentsJson: string,
  cwd: string,
): Fields & { kind: Item['kind'] } {
  const args = parseArguments(argumentsJson);
  switch (toolName) {
    case 'shell':
      return {
        kind: 'command',
        command: text(args.command),
        cwd,
        reason: textOrNull(args.justification),
        sandbox: null,
        exitCode: null,
        output: '',
        timedOut: false,
        durationMs: null,
      };
    case 'apply_patch':
      return { kind: 'file_change', patch: text(args.patch), changes: [], error: null };
    case 'update_plan':
      return { kind: 'plan', explanation: textOrNull(args.explanation), steps: planSteps(args.plan) };
    default:
      return { kind: 'tool_call', tool: toolName, arguments: argumentsJson, output: null };
  }
}

/** The text of a tool result as the SDK reports it (a string, a text part, or parts). */
export function toolOutputText(output: unknown): string {
  if (typeof output === 'string') return output;
  if (Array.isArray(output)) return output.map(toolOutputText).join('');
  const record = output as { text?: unknown } | null;
  return typeof record?.text === 'string' ? record.text : '';
}
