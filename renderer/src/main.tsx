import '@cloudscape-design/global-styles/index.css';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { Providers } from './app/Providers';
import { createQueryClient } from './data/query-client';

const root = document.getElementById('root');
if (root) {
  // Without the preload (a page opened outside the app) there is nothing to talk to.
  createRoot(root).render(
    window.api ? (
      <Providers client={createQueryClient()}>
        <App />
      </Providers>
    ) : (
      <p role="alert">Security Hub Invitations runs inside its desktop app: the page has no connection to it here.</p>
    ),
  );
}
