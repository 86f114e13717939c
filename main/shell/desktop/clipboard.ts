/**
 * Text copying happens here, in the main process, so the page never needs a clipboard permission.
 */
import { clipboard } from 'electron';

/** Mirrors the `clipboard:write` schema's limit, for callers that bypass IPC. */
export const MAX_CLIPBOARD_TEXT = 100_000;

/**
 * Resolves once the text is on the system clipboard. Electron 44+ returns a Promise here: awaiting it is
 * what lets a failure (a clipboard another program holds, no clipboard on a headless session) reach the
 * user instead of a "Copied" that is not true.
 */
export async function writeClipboardText(text: string): Promise<void> {
  if (typeof text !== 'string') throw new TypeError('Only text can be copied.');
  await clipboard.writeText(text.length > MAX_CLIPBOARD_TEXT ? text.slice(0, MAX_CLIPBOARD_TEXT) : text);
}

export const desktopClipboard = { writeText: writeClipboardText };
