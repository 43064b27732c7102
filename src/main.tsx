import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { startLab } from './app/startup';
import { createLogger } from './core/log';
import { useLabStore } from './state/store';
import './styles.css';

const log = createLogger('main');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

startLab().catch((error: unknown) => {
  log.error('start-up failed', { error: String(error) });
  useLabStore.getState().showNotice({ kind: 'error', message: `The lab could not open its storage: ${error instanceof Error ? error.message : String(error)}` });
});
