/**
 * Raw scanning of the shared config and credentials files: section headers, option names and the
 * lines a parser would trip on. Values are deliberately not kept here (they may be secrets); the
 * values the app uses come from the AWS SDK's own loader (see profiles.ts).
 *
 * Two parsers read these files and they disagree:
 * - The AWS CLI (botocore) reads them with Python's configparser: a header is `[` + anything + `]`
 *   at the start of a stripped line, an option is `name = value` or `name: value`, an indented line
 *   continues the previous value, and a stray line, a duplicate section or a line before the first
 *   header makes the whole file fail to load.
 * - The AWS SDK for JavaScript (`parseIni` in @smithy/core/config) accepts only `name = value`,
 *   requires the whole stripped line to be `[...]` for a header, strips ` #`/` ;` comments,
 *   and silently skips every line it cannot read.
 * This scanner follows the CLI's reading and reports every line either parser would skip or reject,
 * with its file and line number, so the user learns why a profile is missing or incomplete.
 */
import type { ConfigWarning } from '../../domain/types';

export type FileKind = 'config' | 'credentials';

export interface RawSection {
  /** The header as the AWS CLI reads it: the text between the first `[` and the last `]`. */
  header: string;
  /** 1-based line number of the header. */
  line: number;
  /** Option names (lower-cased, as configparser does) set in this section. */
  options: string[];
  /** The header line is also a header for the SDK (the stripped line ends with `]`). */
  sdkHeader: boolean;
}

export interface ScannedFile {
  file: string;
  kind: FileKind;
  sections: RawSection[];
  warnings: ConfigWarning[];
}

/** configparser's SECTCRE: `[`, then anything (greedy), then `]`, matched at the start of the line. */
const CLI_SECTION = /^\[(.+)\]/;
/** configparser's OPTCRE with the default delimiters `=` and `:`. */
const CLI_OPTION = /^(.*?)\s*([=:])\s*(.*)$/;

export function scanConfigText(text: string, file: string, kind: FileKind): ScannedFile {
  const sections: RawSection[] = [];
  const warnings: ConfigWarning[] = [];
  const warn = (line: number, message: string) => warnings.push({ file, line, message });
  const seen = new Map<string, number>();
  let current: RawSection | null = null;
  let inValue = false; // the previous option line may be continued by indented lines
  let subsection = false; // the previous option had an empty value: indented lines are `key = value` pairs
  let optionIndent = 0;

  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const stripped = raw.trim();
    if (stripped === '' || stripped.startsWith('#') || stripped.startsWith(';')) return;
    const indent = raw.length - raw.trimStart().length;

    // An indented line after an option continues its value (configparser), or is a nested
    // `key = value` under an empty-valued option such as `securityhub =` in a services section.
    if (indent > optionIndent && current && inValue) {
      if (subsection && !/^[^=]+=/.test(stripped)) {
        warn(lineNo, `Line ${lineNo} in [${current.header}] is not a "key = value" line; the AWS SDK skips it.`);
      } else if (!subsection) {
        warn(
          lineNo,
          `Line ${lineNo} in [${current.header}] is indented under the previous setting: the AWS CLI reads it as part of that value, the AWS SDK does not.`,
        );
      }
      return;
    }

    const header = CLI_SECTION.exec(stripped);
    if (header?.[1] !== undefined) {
      const name = header[1];
      const sdkHeader = stripCliComment(stripped).endsWith(']');
      current = { header: name, line: lineNo, options: [], sdkHeader };
      inValue = false;
      subsection = false;
      const previous = seen.get(name);
      if (previous !== undefined) {
        warn(
          lineNo,
          `Section [${name}] appears again at line ${lineNo} (first at line ${previous}); the AWS CLI refuses a file with duplicate sections.`,
        );
      } else {
        seen.set(name, lineNo);
      }
      if (!sdkHeader) {
        warn(lineNo, `Line ${lineNo}: text after the closing "]" of [${name}] makes the AWS SDK skip this header.`);
      }
      sections.push(current);
      return;
    }

    if (!current) {
      warn(
        lineNo,
        `Line ${lineNo} comes before any [section] header; both the AWS CLI and the AWS SDK reject or skip it.`,
      );
      return;
    }

    const option = CLI_OPTION.exec(stripped);
    const name = option?.[1]?.trim() ?? '';
    if (!option || name === '') {
      warn(lineNo, `Line ${lineNo} in [${current.header}] is not a "key = value" line; the AWS SDK skips it.`);
      inValue = false;
      return;
    }
    if (option[2] === ':' && !stripped.includes('=')) {
      warn(
        lineNo,
        `Line ${lineNo} in [${current.header}] uses ":" instead of "="; the AWS CLI accepts it but the AWS SDK skips it.`,
      );
    }
    const optionName = name.toLowerCase();
    if (optionName !== name) {
      warn(
        lineNo,
        `Line ${lineNo} in [${current.header}]: the AWS SDK reads option names as written, so "${safeName(name)}" is not the same as "${safeName(optionName)}".`,
      );
    }
    if (current.options.includes(optionName)) {
      warn(
        lineNo,
        `Line ${lineNo} sets "${safeName(optionName)}" twice in [${current.header}]; the AWS CLI refuses this.`,
      );
    } else {
      current.options.push(optionName);
    }
    inValue = true;
    optionIndent = indent;
    subsection = (option[3] ?? '').trim() === '';
  });
  return { file, kind, sections, warnings };
}

/** The SDK removes a comment that starts the line or follows whitespace. */
function stripCliComment(line: string): string {
  return (line.split(/(?:^|\s)[;#]/)[0] ?? '').trim();
}

/** Option names are shown in warnings; keep them short and free of anything that looks like a value. */
function safeName(name: string): string {
  return /^[\w.-]{1,64}$/.test(name) ? name : '(unreadable option name)';
}

/**
 * Python's shlex.split (POSIX mode, no comments), which botocore applies to `[profile …]` headers of
 * the config file: quotes group words, a backslash escapes outside single quotes. Returns null where
 * shlex raises ValueError (an unclosed quote or a trailing backslash).
 */
export function shlexSplit(text: string): string[] | null {
  const words: string[] = [];
  let word: string | null = null;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (quote === "'") {
      if (ch === "'") quote = null;
      else word += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = null;
      else if (ch === '\\' && i + 1 < text.length && '\\"$`\n'.includes(text.charAt(i + 1))) word += text.charAt(++i);
      else word += ch;
    } else if (/\s/.test(ch)) {
      if (word !== null) words.push(word);
      word = null;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      word ??= '';
    } else if (ch === '\\') {
      if (i + 1 >= text.length) return null;
      word = (word ?? '') + text.charAt(++i);
    } else {
      word = (word ?? '') + ch;
    }
  }
  if (quote) return null;
  if (word !== null) words.push(word);
  return words;
}

/** What a section is for the AWS CLI. */
export type CliSection =
  | { type: 'profile'; name: string }
  | { type: 'sso-session' | 'services'; name: string }
  | { type: 'ignored'; reason: string };

/**
 * botocore's rules (configloader.build_profile_map and Session.full_config):
 * - config file: a header starting with "profile" is shlex-split and is a profile only when it
 *   splits into exactly two words (`[profile a b]` is ignored, `[profile "a b"]` is "a b");
 *   headers starting with "sso-session" / "services" are those sections; `[default]` is the default
 *   profile; any other header (`[x]`) is not a profile.
 * - credentials file: every section is a profile named by its header, literally (`[profile x]`
 *   there is a profile called "profile x").
 */
export function cliSection(header: string, kind: FileKind): CliSection {
  if (kind === 'credentials') return { type: 'profile', name: header };
  for (const prefix of ['profile', 'sso-session', 'services'] as const) {
    if (!header.startsWith(prefix)) continue;
    // botocore checks only the prefix, so `[profilex y]` is profile "y" for the CLI.
    const parts = shlexSplit(header);
    const name = parts?.length === 2 ? parts[1] : undefined;
    if (name !== undefined) return prefix === 'profile' ? { type: 'profile', name } : { type: prefix, name };
    return {
      type: 'ignored',
      reason: `the AWS CLI ignores [${header}]: a ${prefix} header needs exactly one name (quote a name that contains spaces)`,
    };
  }
  if (header === 'default') return { type: 'profile', name: 'default' };
  return {
    type: 'ignored',
    reason: `the AWS CLI ignores [${header}] in the config file: profiles there are written [profile ${header}]`,
  };
}

const SDK_PREFIXED = /^([\w-]+)\s(["'])?([\w-@+.%:/]+)\2$/;
const SDK_SECTION_TYPES = ['profile', 'sso-session', 'services'];

/**
 * The key under which the AWS SDK's loader stores a section, or null when it drops the section
 * (parseIni + getConfigData in @smithy/core/config):
 * - `<word> <name>` (one space, name of [\w-@+.%:/] only, optionally quoted) is stored as
 *   `<word>.<name>` when word is profile/sso-session/services, and dropped for any other word;
 * - any other header is stored as written;
 * - the config file then keeps `default` and `profile.<name>` (as `<name>`), `sso-session.<name>` and
 *   `services.<name>`, and drops the rest. The credentials file keeps every key as stored.
 * For profiles the result is the profile name the SDK knows; for other sections it keeps its prefix.
 */
export function sdkSectionKey(header: string, kind: FileKind): string | null {
  const match = SDK_PREFIXED.exec(header);
  let key: string;
  if (match) {
    const [, prefix, , name] = match;
    if (!prefix || !name || !SDK_SECTION_TYPES.includes(prefix)) return null;
    key = `${prefix}.${name}`;
  } else {
    key = header;
  }
  if (kind === 'credentials') return key;
  if (key === 'default') return key;
  const dot = key.indexOf('.');
  if (dot === -1 || !SDK_SECTION_TYPES.includes(key.slice(0, dot))) return null;
  return key.startsWith('profile.') ? key.slice('profile.'.length) : key;
}
