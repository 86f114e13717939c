/**
 * The one rule for showing an outside value (an AWS answer, a profile name, a file's line) to a
 * person, in the window and on the terminal alike: no control character and no bidi mark is shown
 * as it is. A raw ESC starts a terminal sequence (clear the screen, set the title, plant an OSC 8
 * link), a C1 control does the same on terminals that honour 8-bit controls, a line break forges a
 * line, and the bidi embeddings, overrides and isolates reorder what the eye reads — in a browser
 * too: "1111<U+202E>2222" is drawn as another id. Each is shown as a visible escape in the JSON
 * style (`\u202e`, `\n`), the same form everywhere, and still valid inside a JSON string.
 *
 * Used by the command line (main/cli/terminal-text.ts) and the window (renderer/src/lib/visible.ts).
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

/** One outside value, safe inside a line, a cell or a label: no control survives, none is hidden. */
export function visibleText(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  return text.replace(UNSAFE, visible);
}

/** Whole text of ours: line breaks (LF, CR) and tabs kept, every other control made visible. */
export function visibleKeepingBreaks(text: string): string {
  return text.replace(UNSAFE_BUT_BREAKS, visible);
}
