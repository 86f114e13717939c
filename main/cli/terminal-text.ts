/**
 * Making outside values safe to print on a terminal: profile names (SSO tools build them from
 * account and role names), CSV lines, file paths and AWS messages. The rule itself — which
 * characters, shown how — is main/domain/visible-text.ts, shared with the window.
 *
 * Two levels:
 * - `terminalText(value)` for one outside value inside a line or a table cell: every control,
 *   tabs and newlines included, becomes visible, so a value can never break a line or a column.
 * - `terminalOutput(text)` for whole output about to be written: keeps the line breaks, the
 *   carriage return our own progress line uses and the tab `--output tsv` separates with (a tab only
 *   moves the cursor), escapes every other control. It is the safety net
 *   in front of stdout and stderr for any value that reached a line without `terminalText`.
 *   The command line has no styling of its own, so nothing intentional is lost.
 */
import { visibleKeepingBreaks, visibleText } from '../domain/visible-text';

/** One outside value, safe inside a line or a table cell: no control survives, none is hidden. */
export const terminalText = (value: unknown): string => visibleText(value);

/** Whole output: line breaks (LF, and CR for the progress line) and tabs kept, every other control made visible. */
export const terminalOutput = (text: string): string => visibleKeepingBreaks(text);
