import { memo } from 'react';
import { CommandItemView } from './command-item';
import { useConversation } from './conversation-slice';
import { FileChangeItemView } from './file-change-item';
import { AgentMessageItem, ErrorItemView, UserMessageItem } from './message-items';
import { isContinuationPrompt } from './transcript-fold';
import { CompactionItemView, PlanItemView, ReasoningItemView, ToolCallItemView } from './other-items';

/**
 * One transcript item. It selects its own item from the store, so a delta to one item re-renders
 * that item alone, not the list.
 */
export const ItemView = memo(function ItemView({ threadId, itemId }: { threadId: string; itemId: string }) {
  const item = useConversation((s) => s.byThread[threadId]?.items[itemId]);
  const continuation = useConversation((s) => {
    const transcript = s.byThread[threadId];
    const current = transcript?.items[itemId];
    return current ? isContinuationPrompt(current, transcript?.turns[current.turnId]) : false;
  });
  if (!item) return null;
  switch (item.kind) {
    case 'user_message':
      return <UserMessageItem item={item} continuation={continuation} />;
    case 'agent_message':
      return <AgentMessageItem item={item} />;
    case 'reasoning':
      return <ReasoningItemView item={item} />;
    case 'command':
      return <CommandItemView item={item} />;
    case 'file_change':
      return <FileChangeItemView item={item} />;
    case 'tool_call':
      return <ToolCallItemView item={item} />;
    case 'plan':
      return <PlanItemView item={item} />;
    case 'compaction':
      return <CompactionItemView item={item} />;
    case 'error':
      return <ErrorItemView item={item} />;
  }
});
