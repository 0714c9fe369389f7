import { useId } from 'react';
import type { CliAgentDetection } from '../../../src-shared/contract';
import { describeDetection } from './cli-agent-labels';
import type { CliAgentChoices } from './use-cli-agent-choices';

export type CliAgentChoice = { kind: 'preset'; id: string } | { kind: 'template'; id: string };

export function choiceKey(choice: CliAgentChoice): string {
  return `${choice.kind}:${choice.id}`;
}

interface OptionProps {
  name: string;
  group: string;
  value: string;
  checked: boolean;
  detection: CliAgentDetection;
  detail: string | null;
  onSelect: () => void;
  onRemove?: () => void;
}

function ChoiceOption({ name, group, value, checked, detection, detail, onSelect, onRemove }: OptionProps) {
  const inputId = useId();
  const descriptionId = useId();
  return (
    <li className={detection.found ? 'cli-choice' : 'cli-choice not-found'}>
      <input
        id={inputId}
        type="radio"
        name={group}
        value={value}
        checked={checked}
        disabled={!detection.found}
        aria-describedby={descriptionId}
        onChange={onSelect}
      />
      <label htmlFor={inputId} className="cli-choice-name">
        {name}
      </label>
      <span id={descriptionId} className="cli-choice-detection">
        <span className={detection.found ? 'cli-found' : 'cli-missing'}>
          {detection.found ? describeDetection(detection) : `Not found: ${describeDetection(detection)}`}
        </span>
        {detail && <span className="cli-choice-note">{detail}</span>}
      </span>
      {onRemove && (
        <button type="button" className="button small" aria-label={`Remove ${name}`} onClick={onRemove}>
          Remove
        </button>
      )}
    </li>
  );
}

/** Every preset and saved template as one radio group; agents not found cannot be picked. */
export function CliAgentChoiceList({
  choices,
  selected,
  onSelect,
  onRemoveTemplate,
}: {
  choices: CliAgentChoices;
  selected: CliAgentChoice | null;
  onSelect: (choice: CliAgentChoice) => void;
  onRemoveTemplate: (templateId: string, name: string) => void;
}) {
  const group = useId();
  const selectedKey = selected ? choiceKey(selected) : '';
  return (
    <div role="radiogroup" aria-label="Agent" className="cli-choices">
      <ul className="cli-choice-list" aria-label="Presets">
        {choices.presets.map((preset) => {
          const choice: CliAgentChoice = { kind: 'preset', id: preset.id };
          return (
            <ChoiceOption
              key={preset.id}
              name={preset.name}
              group={group}
              value={choiceKey(choice)}
              checked={selectedKey === choiceKey(choice)}
              detection={preset.detection}
              detail={preset.note}
              onSelect={() => onSelect(choice)}
            />
          );
        })}
      </ul>
      {choices.templates.length > 0 && (
        <ul className="cli-choice-list" aria-label="Custom agents">
          {choices.templates.map((template) => {
            const choice: CliAgentChoice = { kind: 'template', id: template.id };
            return (
              <ChoiceOption
                key={template.id}
                name={template.name}
                group={group}
                value={choiceKey(choice)}
                checked={selectedKey === choiceKey(choice)}
                detection={template.detection}
                detail={[template.executable, ...template.args].join(' ')}
                onSelect={() => onSelect(choice)}
                onRemove={() => onRemoveTemplate(template.id, template.name)}
              />
            );
          })}
        </ul>
      )}
    </div>
  );
}
