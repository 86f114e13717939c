import '@cloudscape-design/global-styles/index.css';
import type { ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { App } from './app/App';
import { Providers } from './app/Providers';
import { createQueryClient } from './data/query-client';
import { prefetchRows } from './data/rows';

/** How many times in a row an uncaught render error may re-mount the window before it stays down. */
const MAX_REMOUNTS = 5;

const element = document.getElementById('root');
if (element) {
  // One query client for the life of the window: a re-mount keeps every row already read.
  const client = createQueryClient();
  if (window.api) prefetchRows(client);
  let generation = 0;
  let root: Root;
  const view = (): ReactNode =>
    window.api ? (
      <Providers key={generation} client={client}>
        <App />
      </Providers>
    ) : (
      // Without the preload (a page opened outside the app) there is nothing to talk to.
      <p role="alert">Security Hub Invitations runs inside its desktop app: the page has no connection to it here.</p>
    );
  root = createRoot(element, {
    // React unmounts the whole tree on an uncaught error, leaving a blank window. An unexpected render
    // error must not cost the user the window: log it and mount again from the cached data.
    onUncaughtError: (error) => {
      console.error('The window hit an error and was redrawn:', error);
      if (generation >= MAX_REMOUNTS) return;
      generation += 1;
      queueMicrotask(() => root.render(view()));
    },
  });
  root.render(view());
}
