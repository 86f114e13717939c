/** Outside values made safe to print: no control, ESC sequence or bidi override reaches the terminal raw. */
import { describe, expect, it } from 'vitest';
import { terminalOutput, terminalText } from '../../main/cli/terminal-text';

// Anything a terminal acts on: C0, DEL, C1, bidi embeddings/overrides/isolates.
// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the test.
const RAW = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('terminalText', () => {
  it('shows ESC, CSI and OSC sequences visibly', () => {
    expect(terminalText('a\u001b[2Jb')).toBe('a\\u001b[2Jb');
    const osc8 = '\u001b]8;;https://evil.example/\u0007click\u001b]8;;\u0007';
    expect(terminalText(osc8)).toBe('\\u001b]8;;https://evil.example/\\u0007click\\u001b]8;;\\u0007');
    expect(terminalText('x\u009b31my')).toBe('x\\u009b31my');
    expect(terminalText('t\u009dtitle\u009c')).toBe('t\\u009dtitle\\u009c');
    expect(terminalText('del\u007f')).toBe('del\\u007f');
  });

  it('escapes tabs, newlines and carriage returns inside one value', () => {
    expect(terminalText('one\ttwo\nthree\rfour')).toBe('one\\ttwo\\nthree\\rfour');
  });

  it('shows the bidi overrides and isolates', () => {
    for (const code of [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]) {
      const out = terminalText(`name${String.fromCharCode(code)}gpj.exe`);
      expect(out).toBe(`name\\u${code.toString(16)}gpj.exe`);
      expect(out).not.toMatch(RAW);
    }
  });

  it('leaves ordinary text, accents and emoji alone and is idempotent', () => {
    const plain = 'prod-admin/Rôle 日本 🚀 C:\\Users\\me';
    expect(terminalText(plain)).toBe(plain);
    const once = terminalText('\u001b[2J\n');
    expect(terminalText(once)).toBe(once);
  });

  it('leaves no raw control for any code point below U+00A0', () => {
    const all = Array.from({ length: 0xa0 }, (_, i) => String.fromCharCode(i)).join('');
    expect(terminalText(all)).not.toMatch(RAW);
  });
});

describe('terminalOutput', () => {
  it('keeps line breaks, the carriage return and tabs, escapes the rest', () => {
    expect(terminalOutput('\rReading rows: 1/2\nnext\u001b[2J\tx\n')).toBe('\rReading rows: 1/2\nnext\\u001b[2J\tx\n');
  });

  it('keeps JSON valid and its values unchanged', () => {
    const value = { name: 'a\u009bb\u202ec\u007f' };
    const text = terminalOutput(JSON.stringify(value));
    expect(text).not.toMatch(RAW);
    expect(JSON.parse(text)).toEqual(value);
  });
});
