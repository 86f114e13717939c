import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { Providers } from '../../../renderer/src/app/Providers';
import { Flashes } from '../../../renderer/src/components/flash';
import { createQueryClient } from '../../../renderer/src/data/query-client';
import { createFakeApi, type FakeApi, type FakeState } from './fake-api';

/** Renders a page inside the app's providers (and its Flashbar) against a fresh fake window.api. */
export function renderWithApi(ui: ReactNode, options: { fake?: FakeApi; state?: Partial<FakeState> } = {}) {
  const fake = options.fake ?? createFakeApi(options.state);
  window.api = fake.api;
  const client = createQueryClient({ retryDelayMs: 0 });
  const view = render(
    <Providers client={client}>
      <Flashes />
      {ui}
    </Providers>,
  );
  return { fake, client, ...view };
}
