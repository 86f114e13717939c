/**
 * The profiles on this workstation, listed as `aws configure list-profiles` lists them, each marked
 * with whether the AWS SDK for JavaScript can use it.
 *
 * Names come from the section headers read by the AWS CLI's rules (config-sections.ts); values come
 * from the SDK's own loader (`loadSharedConfigFiles`), because the SDK is what resolves credentials.
 * Order is the CLI's: config-file profiles in file order, then profiles found only in the
 * credentials file. Nothing here returns a secret: only names, kinds and regions leave this module.
 */
import { devNull, homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { loadSharedConfigFiles } from '@smithy/core/config';
import { ACCOUNT_ID_PATTERN } from '../../domain/ids';
import type { SsoLogin } from '../../domain/sign-in-groups';
import type { ConfigWarning, ProfileKind, ProfileList, ProfileSummary } from '../../domain/types';
import { byteSize, readRegularFile } from '../storage/regular-file';
import { cliSection, type FileKind, type ScannedFile, scanConfigText, sdkSectionKey } from './config-sections';

/** Far above any real file (a thousand profiles take about 200 KB), far below what fills the memory. */
export const SHARED_FILE_MAX_BYTES = 32 * 1024 * 1024;

/** A file that exists but was not read (not a regular file, too large, unreadable), and why. */
interface Refused {
  refused: string;
}
type Scan = ScannedFile | null | Refused;

const isScanned = (scan: Scan): scan is ScannedFile => scan !== null && !('refused' in scan);
const isRefused = (scan: Scan): scan is Refused => scan !== null && 'refused' in scan;
const scanWarnings = (scan: Scan) => (isScanned(scan) ? scan.warnings : []);

export type IniSection = Record<string, string | undefined>;
export type IniFile = Record<string, IniSection>;

export interface SharedFiles {
  /** The SDK loader's view of the config file: profiles by name, plus `sso-session.x` / `services.x`. */
  configFile: IniFile;
  credentialsFile: IniFile;
}

export interface ProfileDetails {
  summary: ProfileSummary;
  /** The MFA device serial the profile's chain needs (the first role in the chain that names one). */
  mfaSerial: string | null;
}

export interface LoadedProfiles {
  list: ProfileList;
  details: Map<string, ProfileDetails>;
  files: SharedFiles;
  /** mergedSdkProfiles(files), computed once per load: walking every profile per client is costly. */
  sdk: IniFile;
  /**
   * The paths the SDK's own readers (fromIni, fromSSO) are given: a file this module refused
   * (a FIFO, a device, too large) is replaced by the null device, so that they read nothing
   * instead of blocking on it.
   */
  sdkPaths: { configFile: string; credentialsFile: string };
}

/** The two shared files, by the same rules as the CLI and the SDK: env var, else ~/.aws/… from HOME. */
export function sharedFilePaths(env: NodeJS.ProcessEnv): { configFile: string; credentialsFile: string } {
  const home = env.HOME || env.USERPROFILE || homedir();
  const expand = (p: string) => {
    const withHome = p === '~' || p.startsWith('~/') ? join(home, p.slice(1)) : p;
    return isAbsolute(withHome) ? withHome : resolve(withHome);
  };
  return {
    configFile: expand(env.AWS_CONFIG_FILE || join(home, '.aws', 'config')),
    credentialsFile: expand(env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials')),
  };
}

export async function listProfiles(env: NodeJS.ProcessEnv): Promise<ProfileList> {
  return (await loadProfiles(env)).list;
}

export async function loadProfiles(env: NodeJS.ProcessEnv): Promise<LoadedProfiles> {
  const paths = sharedFilePaths(env);
  const warnings: ConfigWarning[] = [];
  const [configScan, credentialsScan] = await Promise.all([
    scanFile(paths.configFile, 'config', Boolean(env.AWS_CONFIG_FILE), warnings),
    scanFile(paths.credentialsFile, 'credentials', Boolean(env.AWS_SHARED_CREDENTIALS_FILE), warnings),
  ]);
  // A refused file is never handed to the SDK: reading a FIFO would block one of Node's few file
  // threads for good. The null device reads as an empty file on every platform.
  const sdkPaths = {
    configFile: isRefused(configScan) ? devNull : paths.configFile,
    credentialsFile: isRefused(credentialsScan) ? devNull : paths.credentialsFile,
  };
  // The config file holds the profiles' regions, endpoints, roles and SSO settings: unread, every
  // profile's settings are unknown, and using it anyway would send its calls to AWS's public
  // endpoints. Every profile is refused, the file and the cause named. (An unread credentials file
  // costs only the keys in it: the profiles that need them say so, the others work.)
  const refusal = isRefused(configScan)
    ? `The config file ${paths.configFile} could not be read (${configScan.refused}), so this profile's settings there (region, endpoints, role, SSO) are unknown: it is not used rather than sent to AWS's public endpoints.`
    : null;
  const loaded = await loadSharedConfigFiles({
    configFilepath: sdkPaths.configFile,
    filepath: sdkPaths.credentialsFile,
    ignoreCache: true,
  });
  const files: SharedFiles = { configFile: loaded.configFile as IniFile, credentialsFile: loaded.credentialsFile };
  const sdk = mergedSdkProfiles(files);

  // Profile name -> why the SDK cannot read its sections (when it cannot).
  const names: string[] = [];
  const named = new Set<string>();
  const unreadable = new Map<string, string[]>();
  const readable = new Set<string>();
  const scans: Scan[] = [configScan, credentialsScan];
  for (const scan of scans.filter(isScanned)) {
    for (const section of scan.sections) {
      const cli = cliSection(section.header, scan.kind);
      if (cli.type === 'ignored') {
        warnings.push({ file: scan.file, line: section.line, message: `${capitalise(cli.reason)}.` });
        continue;
      }
      if (cli.type !== 'profile') continue;
      if (!named.has(cli.name)) {
        named.add(cli.name);
        names.push(cli.name);
      }
      const problem = sdkProblem(section.header, scan.kind, cli.name, section.sdkHeader);
      if (problem) {
        unreadable.set(cli.name, [...(unreadable.get(cli.name) ?? []), problem]);
        warnings.push({ file: scan.file, line: section.line, message: problem });
      } else {
        readable.add(cli.name);
      }
    }
  }

  const active = env.AWS_PROFILE || 'default';
  if (env.AWS_PROFILE && !named.has(env.AWS_PROFILE)) {
    warnings.push({
      file: paths.configFile,
      line: 0,
      message: `AWS_PROFILE names "${env.AWS_PROFILE}", which is not a profile in either file.`,
    });
  }
  const details = new Map<string, ProfileDetails>();
  for (const name of names) {
    const values = readable.has(name) ? sdk[name] : undefined;
    const kind = values ? profileKind(values) : 'unknown';
    const mfa = values ? mfaSerialOf(name, sdk) : null;
    let reason: string | null;
    if (!values) reason = readable.has(name) ? 'The profile has no settings.' : (unreadable.get(name)?.[0] ?? null);
    else reason = usabilityProblem(name, sdk, files.configFile, new Set());
    reason = refusal ?? reason;
    const summary: ProfileSummary = {
      name,
      kind,
      region: values?.region ?? null,
      usable: reason === null,
      reason,
      mfa: mfa !== null,
      sourceProfile: values?.source_profile ?? null,
      ssoSession: values ? ssoSessionOf(name, sdk) : null,
      isDefault: name === active,
      configuredAccountId: values ? configuredAccountOf(values) : null,
    };
    details.set(name, { summary, mfaSerial: mfa });
  }
  return {
    list: {
      profiles: [...details.values()].map((d) => d.summary),
      warnings: sortWarnings(
        [...scanWarnings(configScan), ...scanWarnings(credentialsScan), ...warnings],
        paths.configFile,
      ),
      configFile: paths.configFile,
      credentialsFile: paths.credentialsFile,
    },
    details,
    files,
    sdk,
    sdkPaths,
  };
}

async function scanFile(file: string, kind: FileKind, named: boolean, warnings: ConfigWarning[]): Promise<Scan> {
  const read = await readRegularFile(file, SHARED_FILE_MAX_BYTES);
  if (!read.ok) {
    // A missing file is normal (many people have only one of the two) unless a variable names it.
    if (read.reason === 'missing' && !named) return null;
    const variable = kind === 'config' ? 'AWS_CONFIG_FILE' : 'AWS_SHARED_CREDENTIALS_FILE';
    let why: string;
    if (read.reason === 'missing') why = `${variable} names a file that does not exist`;
    else if (read.reason === 'unreadable') why = `the file cannot be read (${read.code ?? 'error'})`;
    else if (read.reason === 'too-large') why = `it is larger than ${byteSize(SHARED_FILE_MAX_BYTES)}`;
    else why = read.error.message.replace(/\.$/, '');
    warnings.push({ file, line: 0, message: `Could not read the ${kind} file: ${why}.` });
    // A missing file named by a variable is as good as an empty one (the SDK reads it so, too).
    return read.reason === 'missing' ? null : { refused: why };
  }
  const text = read.bytes.toString('utf8');
  const scan = scanConfigText(text, file, kind);
  if (scan.sections.some((s) => s.header === '__proto__' || s.header === 'profile __proto__')) {
    warnings.push({
      file,
      line: 0,
      message: 'The AWS SDK refuses a section named __proto__ and then ignores this whole file.',
    });
  }
  return scan;
}

/** Profiles as fromIni sees them: config values, overridden by credentials values. */
export function mergedSdkProfiles(files: SharedFiles): IniFile {
  // No prototype: a profile named "constructor" or "toString" must not find Object's members.
  const merged: IniFile = Object.create(null);
  for (const [key, values] of Object.entries(files.configFile)) {
    if (key.startsWith('sso-session.') || key.startsWith('services.')) continue;
    merged[key] = { ...values };
  }
  for (const [key, values] of Object.entries(files.credentialsFile)) merged[key] = { ...merged[key], ...values };
  return merged;
}

/**
 * One profile's values as the SDK reads client settings (endpoints, FIPS, retry mode…):
 * `fromSharedConfigFiles` prefers the config file's values over the credentials file's.
 */
export function settingValues(profile: string, files: SharedFiles): IniSection {
  const own = (file: IniFile) => (Object.hasOwn(file, profile) ? file[profile] : undefined);
  return { ...own(files.credentialsFile), ...own(files.configFile) };
}

function sdkProblem(header: string, kind: FileKind, name: string, sdkHeader: boolean): string | null {
  const key = sdkSectionKey(header, kind);
  if (sdkHeader && key === name) return null;
  const where = `[${header}] in the ${kind} file`;
  if (!sdkHeader) return `The AWS SDK does not read ${where}: remove the text after "]".`;
  if (kind === 'credentials' && key === `profile.${name.slice('profile '.length)}`) {
    return `${capitalise(where)} is a profile called "${name}" for the AWS CLI and is unreadable by the AWS SDK: the credentials file names profiles without the word "profile".`;
  }
  if (/\s/.test(name))
    return `The AWS SDK cannot use profile "${name}" from ${where}: its loader skips names with spaces.`;
  return `The AWS SDK cannot use profile "${name}" from ${where}: its loader reads that header differently.`;
}

/** The same order of checks as fromIni's resolveProfileData. */
export function profileKind(v: IniSection): ProfileKind {
  if (isAssumeRole(v)) return 'assume-role';
  if (v.aws_access_key_id !== undefined && v.aws_secret_access_key !== undefined) return 'static';
  if (v.web_identity_token_file !== undefined && v.role_arn !== undefined) return 'web-identity';
  if (v.credential_process !== undefined) return 'credential-process';
  if (v.sso_start_url ?? v.sso_account_id ?? v.sso_session ?? v.sso_region ?? v.sso_role_name) return 'sso';
  return 'unknown';
}

/** An IAM role's ARN in any partition: arn:<partition>:iam::<account>:role/<path and name>. */
const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/./;

/**
 * The account a profile's settings name, when they name one: an SSO profile's sso_account_id, or the
 * account of the role it assumes (role_arn, also with a web identity). The credentials it ends in
 * belong to that account, so it is the best guess before STS answers; anything else is no guess.
 */
export function configuredAccountOf(v: IniSection): string | null {
  const kind = profileKind(v);
  if (kind === 'sso') return v.sso_account_id && ACCOUNT_ID_PATTERN.test(v.sso_account_id) ? v.sso_account_id : null;
  if (kind === 'assume-role' || kind === 'web-identity') return ROLE_ARN.exec(v.role_arn ?? '')?.[1] ?? null;
  return null;
}

/** Each profile whose settings name its account, with that account. */
export function configuredAccounts(sdk: IniFile): Map<string, string> {
  const accounts = new Map<string, string>();
  for (const [name, values] of Object.entries(sdk)) {
    const account = values ? configuredAccountOf(values) : null;
    if (account) accounts.set(name, account);
  }
  return accounts;
}

function isAssumeRole(v: IniSection): boolean {
  return v.role_arn !== undefined && (v.source_profile !== undefined) !== (v.credential_source !== undefined);
}

/** mfa_serial counts only on a role (the SDK, like the CLI, uses it for AssumeRole only). */
function mfaSerialOf(name: string, sdk: IniFile, seen = new Set<string>()): string | null {
  const v = sdk[name];
  if (!v || seen.has(name)) return null;
  seen.add(name);
  if (!isAssumeRole(v)) return null;
  if (v.mfa_serial) return v.mfa_serial;
  return v.source_profile ? mfaSerialOf(v.source_profile, sdk, seen) : null;
}

/** The profile and its source_profile chain, top first (stops at a loop). */
export function sourceChain(profile: string, sdkProfiles: IniFile): string[] {
  const chain: string[] = [];
  for (
    let name: string | undefined = profile;
    name && !chain.includes(name);
    name = sdkProfiles[name]?.source_profile
  ) {
    chain.push(name);
    if (!sdkProfiles[name]?.role_arn) break;
  }
  return chain;
}

/**
 * How the profile is signed in when its SSO token is missing or expired, or null when no SSO profile
 * is behind it. The SSO profile is the profile itself or the last of its role chain: `aws sso login
 * --profile ROLE` does not follow source_profile for legacy settings (aws/aws-cli#7632: "Missing the
 * following required SSO configuration values"), so the command names the SSO profile; with an
 * sso-session it names the session, which signs in every profile that uses it.
 */
export function ssoLoginOf(profile: string, sdkProfiles: IniFile): SsoLogin | null {
  const base = sourceChain(profile, sdkProfiles).at(-1);
  const values = base === undefined ? undefined : sdkProfiles[base];
  if (base === undefined || !values || profileKind(values) !== 'sso') return null;
  return values.sso_session ? { ssoSession: values.sso_session } : { profile: base };
}

function ssoSessionOf(profile: string, sdkProfiles: IniFile): string | null {
  const login = ssoLoginOf(profile, sdkProfiles);
  return login && 'ssoSession' in login ? login.ssoSession : null;
}

const CREDENTIAL_SOURCES = ['EcsContainer', 'Ec2InstanceMetadata', 'Environment'];

/** Why fromIni would fail on this profile's settings, found without calling it; null when fine. */
function usabilityProblem(name: string, sdk: IniFile, config: IniFile, seen: Set<string>): string | null {
  const v = sdk[name];
  if (!v) return `Profile "${name}" does not exist.`;
  if (seen.has(name)) return `The source_profile chain loops back to "${name}".`;
  seen.add(name);
  switch (profileKind(v)) {
    case 'assume-role': {
      if (v.credential_source !== undefined) {
        return CREDENTIAL_SOURCES.includes(v.credential_source)
          ? null
          : `credential_source must be one of ${CREDENTIAL_SOURCES.join(', ')}.`;
      }
      const source = v.source_profile ?? '';
      if (!sdk[source]) return `Its source_profile "${source}" does not exist.`;
      // The SDK reads a static source profile's keys directly, even if it also names a role.
      const sv = sdk[source];
      if (sv && seen.size > 0 && sv.aws_access_key_id !== undefined && sv.aws_secret_access_key !== undefined)
        return null;
      const inner = usabilityProblem(source, sdk, config, seen);
      return inner ? `Its source_profile "${source}" cannot be used: ${lowerFirst(inner)}` : null;
    }
    case 'sso': {
      let { sso_start_url: start, sso_region: region } = v;
      if (v.sso_session !== undefined) {
        const session = config[`sso-session.${v.sso_session}`];
        if (!session) return `Its sso_session "${v.sso_session}" has no [sso-session ${v.sso_session}] section.`;
        start = session.sso_start_url;
        region = session.sso_region;
      }
      const missing = [
        ['sso_start_url', start],
        ['sso_region', region],
        ['sso_account_id', v.sso_account_id],
        ['sso_role_name', v.sso_role_name],
      ].filter(([, value]) => !value);
      return missing.length ? `SSO settings missing: ${missing.map(([key]) => key).join(', ')}.` : null;
    }
    case 'static':
    case 'web-identity':
    case 'credential-process':
      return null;
    default:
      if (v.aws_access_key_id !== undefined) return 'It has aws_access_key_id but no aws_secret_access_key.';
      if (v.role_arn !== undefined) return 'role_arn needs exactly one of source_profile or credential_source.';
      if (v.login_session !== undefined) return null;
      return 'It has no credential settings (keys, role, SSO or credential_process).';
  }
}

/** Config file first, then the credentials file, each by line (file-level notes, line 0, first). */
function sortWarnings(warnings: ConfigWarning[], configFile: string): ConfigWarning[] {
  const rank = (w: ConfigWarning) => (w.file === configFile ? 0 : 1);
  return warnings.sort((a, b) => rank(a) - rank(b) || a.line - b.line);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
