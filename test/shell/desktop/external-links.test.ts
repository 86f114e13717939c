import { describe, expect, it, vi } from 'vitest';
import {
  checkExternalUrl,
  isAllowedExternalHost,
  openExternalChecked,
  openSignInPageChecked,
} from '../../../main/shell/desktop/external-links';

describe('checkExternalUrl', () => {
  it.each([
    'https://console.aws.amazon.com/securityhub/home',
    'https://us-east-1.console.aws.amazon.com/securityhub/home?region=us-east-1#/summary',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-accounts.html',
    'https://aws.amazon.com/marketplace/pp/prodview-abc',
    'https://AWS.Amazon.COM/marketplace',
  ])('allows %s', (url) => {
    expect(checkExternalUrl(url)).toEqual({ allowed: true, reason: null });
  });

  it.each([
    ['http://console.aws.amazon.com/', 'https'],
    ['javascript:alert(1)', 'https'],
    ['file:///etc/passwd', 'https'],
    ['data:text/html,<script>alert(1)</script>', 'https'],
    ['app://renderer/index.html', 'https'],
    ['https://console.aws.amazon.com.evil.com/', 'evil.com'],
    ['https://aws.amazon.com@evil.com/', 'user name'],
    ['https://evil.com/?https://aws.amazon.com', 'evil.com'],
    ['https://evilaws.amazon.com/', 'evilaws.amazon.com'],
    ['https://a.b.console.aws.amazon.com/', 'a.b.console.aws.amazon.com'],
    ['https://aws.amazon.com./marketplace', 'aws.amazon.com.'],
    ['https://signin.aws.amazon.com/', 'signin.aws.amazon.com'],
    ['https://xn--ws-3ja.amazon.com/', 'xn--'],
    ['https://user:pass@aws.amazon.com/', 'user name'],
    ['https://aws.amazon.com:8443/', 'port'],
    ['not a url', 'valid URL'],
    ['', 'empty'],
  ])('refuses %s', (url, reasonPart) => {
    const check = checkExternalUrl(url);
    expect(check.allowed).toBe(false);
    expect(check.reason).toContain(reasonPart);
  });

  it('refuses non-strings and overlong URLs', () => {
    expect(checkExternalUrl(42).allowed).toBe(false);
    expect(checkExternalUrl(null).allowed).toBe(false);
    expect(checkExternalUrl(`https://aws.amazon.com/${'a'.repeat(3000)}`).allowed).toBe(false);
  });

  it('matches regional console hosts as one label only', () => {
    expect(isAllowedExternalHost('eu-west-1.console.aws.amazon.com')).toBe(true);
    expect(isAllowedExternalHost('.console.aws.amazon.com')).toBe(false);
    expect(isAllowedExternalHost('-bad.console.aws.amazon.com')).toBe(false);
    expect(isAllowedExternalHost('console.aws.amazon.com.evil.com')).toBe(false);
  });
});

describe('openExternalChecked', () => {
  it('opens an allowed URL in normalised form and refuses the rest without calling the shell', async () => {
    const shell = { openExternal: vi.fn(async (_url: string) => {}) };
    expect(await openExternalChecked(shell, 'https://docs.aws.amazon.com/a b')).toEqual({ opened: true, reason: null });
    expect(shell.openExternal).toHaveBeenCalledWith('https://docs.aws.amazon.com/a%20b');

    const refused = await openExternalChecked(shell, 'https://aws.amazon.com@evil.com/');
    expect(refused.opened).toBe(false);
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('reports a shell failure as not opened instead of throwing', async () => {
    const shell = { openExternal: vi.fn(async () => Promise.reject(new Error('no browser'))) };
    expect(await openExternalChecked(shell, 'https://aws.amazon.com/')).toEqual({
      opened: false,
      reason: 'The system could not open the link in a browser.',
    });
  });
});

describe('sign-in pages', () => {
  const origins = ['https://oidc.eu-west-1.amazonaws.com', 'https://d-1234567890.awsapps.com'];

  it('hands the allowed page to the system browser, and nothing else', async () => {
    const opened: string[] = [];
    const shell = { openExternal: async (url: string) => void opened.push(url) };
    expect(await openSignInPageChecked(shell, 'https://oidc.eu-west-1.amazonaws.com/authorize?a=1', origins)).toBe(
      true,
    );
    expect(await openSignInPageChecked(shell, 'https://example.com/', origins)).toBe(false);
    // The rule is the sign-in's own (test/core/aws/sso-sign-in/origins.test.ts): no file: page, even listed.
    expect(await openSignInPageChecked(shell, 'file:///etc/passwd', [...origins, 'null'])).toBe(false);
    expect(opened).toEqual(['https://oidc.eu-west-1.amazonaws.com/authorize?a=1']);
  });
});
