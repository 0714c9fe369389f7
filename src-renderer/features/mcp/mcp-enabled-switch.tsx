import { useState } from 'react';
import { InlineError } from '../../app/ui/modal';
import { requireClient } from '../../lib/session';
import { useAsyncAction } from '../../lib/use-async-action';
import { enabledParam, inheritText, type SwitchState } from './mcp-labels';
import { refreshMcp } from './mcp-slice';

interface McpEnabledSwitchProps {
  name: string;
  layer: 'project' | 'thread';
  state: SwitchState;
  /** What the wider scope says now (user default, or the project), for the "follow" choice. */
  widerEnabled: boolean | undefined;
  projectId?: string;
  threadId?: string;
}

/**
 * Three states side by side, all visible: on, off, or following the wider scope. A choice shows at
 * once; the host's answer comes back through `mcp/changed`.
 */
export function McpEnabledSwitch({
  name,
  layer,
  state,
  widerEnabled,
  projectId,
  threadId,
}: McpEnabledSwitchProps) {
  const action = useAsyncAction();
  const [asked, setAsked] = useState<{ value: SwitchState; from: SwitchState } | null>(null);
  const shown = asked && asked.from === state ? asked.value : state;
  const where = layer === 'project' ? 'this project' : 'this thread';
  const choices: { value: SwitchState; label: string }[] = [
    { value: 'on', label: 'On' },
    { value: 'off', label: 'Off' },
    { value: 'inherit', label: inheritText(layer, widerEnabled) },
  ];
  const choose = (value: SwitchState) => {
    if (value === shown) return;
    setAsked({ value, from: state });
    void action
      .run(() =>
        requireClient().api.mcp.setEnabled({
          name,
          ...(layer === 'thread' ? { threadId } : { projectId }),
          enabled: enabledParam(value),
        }),
      )
      .then((done) => {
        if (!done) setAsked(null);
        else refreshMcp();
      });
  };
  return (
    <div className="mcp-switch">
      <span className="mcp-switch-label">In {where}</span>
      <div className="mcp-segments" role="radiogroup" aria-label={`${name} in ${where}`}>
        {choices.map((choice) => (
          <button
            key={choice.value}
            type="button"
            role="radio"
            aria-checked={shown === choice.value}
            className={`mcp-segment mcp-segment-${choice.value}${shown === choice.value ? ' selected' : ''}`}
            disabled={action.pending}
            onClick={() => choose(choice.value)}
          >
            {choice.label}
          </button>
        ))}
      </div>
      <InlineError message={action.error} />
    </div>
  );
}
