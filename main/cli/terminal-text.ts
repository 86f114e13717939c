/**
 * The one home for making outside values safe to print on a terminal.
 *
 * Profile names (SSO tools build them from account and role names), CSV lines, file paths and AWS
 * messages reach the terminal as text. A raw ESC starts a CSI or OSC sequence (clear the screen, set
 * the window title, plant an OSC 8 hyperlink), a C1 control (U+0080–U+009F) does the same on
 * terminals that honour 8-bit controls, and the bidi overrides reorder what the eye reads. None of
 * them is ever printed raw: each is shown as a visible escape in the JSON style (`\u001b`, `\n`),
 * so the same form appears in the tables and inside `--json` strings, and it stays valid JSON there.
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

/**
 * C0 controls (incl. ESC, BEL, TAB, LF, CR), DEL, C1 controls (incl. the 8-bit CSI U+009B and
 * OSC U+009D), the line/paragraph separators, and the bidi embeddings, overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069) plus the implicit marks U+200E/U+200F and U+061C. Written as
 * escapes in a string so the source itself holds no control character.
 */
const UNSAFE_CLASS = '\\u0000-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069';
const UNSAFE = new RegExp(`[${UNSAFE_CLASS}]`, 'g');
/** The same without LF, CR and TAB, which whole output keeps. */
const UNSAFE_BUT_BREAKS = new RegExp(`(?![\\n\\r\\t])[${UNSAFE_CLASS}]`, 'g');

const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function visible(char: string): string {
  return SHORT[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** One outside value, safe inside a line or a table cell: no control survives, none is hidden. */
export function terminalText(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  return text.replace(UNSAFE, visible);
}

/** Whole output: line breaks (LF, and CR for the progress line) and tabs kept, every other control made visible. */
export function terminalOutput(text: string): string {
  return text.replace(UNSAFE_BUT_BREAKS, visible);
}
