/**
 * Text copying happens here, in the main process, so the page never needs a clipboard permission.
 */
import { clipboard } from 'electron';

/** Mirrors the `clipboard:write` schema's limit, for callers that bypass IPC. */
export const MAX_CLIPBOARD_TEXT = 100_000;

export function writeClipboardText(text: string): void {
  if (typeof text !== 'string') throw new TypeError('Only text can be copied.');
  clipboard.writeText(text.length > MAX_CLIPBOARD_TEXT ? text.slice(0, MAX_CLIPBOARD_TEXT) : text);
}

export const desktopClipboard = { writeText: writeClipboardText };
