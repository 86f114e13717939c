/** What the desktop provides through the shell: clipboard, external links, answers to MFA prompts. */
import type { Handlers } from '../../../contract/api';
import { AppErrorException, appError } from '../../domain/errors';
import type { BackendCore } from '../backend-core';

type DesktopChannels = 'clipboard:write' | 'external:open' | 'mfa:answer';

function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/[.\s]+$/, '') || 'the system clipboard refused it';
}

export function desktopHandlers({ deps, broker }: BackendCore): Pick<Handlers, DesktopChannels> {
  return {
    async 'clipboard:write'(request) {
      try {
        await deps.clipboard.writeText(request.text);
      } catch (error) {
        throw new AppErrorException(
          appError('internal', `The text could not be copied: ${reasonOf(error)}.`, {
            remediation: 'Try again, or select the text and copy it with the keyboard.',
            retryable: true,
          }),
        );
      }
      return null;
    },
    'external:open': (request) => deps.openExternal(request.url),
    async 'mfa:answer'(request) {
      broker.answer(request.promptId, request.code);
      return null;
    },
  };
}
