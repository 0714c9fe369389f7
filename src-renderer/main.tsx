import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { syncStateFrom } from './app/sync-state';
import './app/theme.css';
import './app/sidebar.css';
import './app/panes.css';
import './app/overlays.css';
import './features/conversation/conversation.css';
import './features/approvals/approvals.css';
import './features/agent-settings/agent-settings.css';
import { startSession } from './lib/session';

startSession(syncStateFrom);

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks the #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
