import type { Item } from '../../../src-shared/contract';
import { MessageText } from './message-text';

type UserMessage = Extract<Item, { kind: 'user_message' }>;
type AgentMessage = Extract<Item, { kind: 'agent_message' }>;
type ErrorItem = Extract<Item, { kind: 'error' }>;

export function UserMessageItem({ item, continuation }: { item: UserMessage; continuation: boolean }) {
  if (continuation) {
    return (
      <p className="item continue-note" title={item.text}>
        ↻ Continued the interrupted turn
      </p>
    );
  }
  return (
    <article className="item user-message" aria-label={item.steer ? 'Your steering message' : 'Your message'}>
      {item.steer && <span className="item-tag">Steer</span>}
      <MessageText text={item.text} />
      {item.skills && item.skills.length > 0 && (
        <ul className="used-skills" aria-label="Skills used">
          {item.skills.map((skill) => (
            <li key={skill.path} className="used-skill-chip" title={skill.path}>
              Used skill: {skill.name}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

export function AgentMessageItem({ item }: { item: AgentMessage }) {
  const streaming = item.status === 'in_progress';
  return (
    <article className="item agent-message" aria-label="Agent message" aria-busy={streaming}>
      <MessageText text={item.text} />
      {streaming && <span className="stream-caret" aria-hidden="true" />}
      {item.status === 'interrupted' && <p className="item-note">Cut off when the turn stopped.</p>}
    </article>
  );
}

export function ErrorItemView({ item }: { item: ErrorItem }) {
  return (
    <article className="item error-item" aria-label="Error">
      <strong>Error</strong>
      <p className="error-text">{item.message}</p>
    </article>
  );
}
