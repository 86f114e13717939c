import I18nProvider from '@cloudscape-design/components/i18n';
import messages from '@cloudscape-design/components/i18n/messages/all.en';
import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { FlashProvider } from '../components/flash';
import { RefreshProvider } from '../data/refresh';
import { RowActionsProvider } from '../data/row-actions';

/** Everything a page needs around it: query cache, Cloudscape strings, messages, refresh and actions. */
export function Providers({ client, children }: { client: QueryClient; children: ReactNode }) {
  return (
    <QueryClientProvider client={client}>
      <I18nProvider locale="en" messages={[messages]}>
        <FlashProvider>
          <RefreshProvider>
            <RowActionsProvider>{children}</RowActionsProvider>
          </RefreshProvider>
        </FlashProvider>
      </I18nProvider>
    </QueryClientProvider>
  );
}
