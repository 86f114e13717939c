/** What the desktop provides through the shell: clipboard, external links, answers to MFA prompts. */
import type { Handlers } from '../../../preload/api';
import type { BackendCore } from '../backend-core';

type DesktopChannels = 'clipboard:write' | 'external:open' | 'mfa:answer';

export function desktopHandlers({ deps, broker }: BackendCore): Pick<Handlers, DesktopChannels> {
  return {
    async 'clipboard:write'(request) {
      deps.clipboard.writeText(request.text);
      return null;
    },
    'external:open': (request) => deps.openExternal(request.url),
    async 'mfa:answer'(request) {
      broker.answer(request.promptId, request.code);
      return null;
    },
  };
}
