/**
 * Which pages a sign-in may ask the browser to open: exactly the hosts its flows need, over https
 * (or http to this computer), one rule for the window and the command line.
 */
import { describe, expect, it } from 'vitest';
import { checkSignInPage, signInOrigins } from '../../../../main/core/aws/sso-sign-in/sign-in-pages';

describe('signInOrigins', () => {
  it('allows the SSO-OIDC endpoint, the portal and the device page of AWS’s own endpoint', () => {
    expect(signInOrigins('https://oidc.eu-west-1.amazonaws.com', 'https://d-1234567890.awsapps.com/start')).toEqual([
      'https://oidc.eu-west-1.amazonaws.com',
      'https://d-1234567890.awsapps.com',
      'https://device.sso.eu-west-1.amazonaws.com',
    ]);
  });

  it('keeps the China partition’s suffix', () => {
    expect(
      signInOrigins('https://oidc.cn-north-1.amazonaws.com.cn', 'https://start.home.awsapps.cn/directory/x'),
    ).toContain('https://device.sso.cn-north-1.amazonaws.com.cn');
  });

  it('adds no AWS host for a configured endpoint (an emulator, a VPC endpoint)', () => {
    expect(signInOrigins('http://127.0.0.1:4566/', 'https://d-1234567890.awsapps.com/start')).toEqual([
      'http://127.0.0.1:4566',
      'https://d-1234567890.awsapps.com',
    ]);
  });

  it('lists no origin of a start URL or endpoint that is not a web page: never "null"', () => {
    expect(signInOrigins('https://oidc.eu-west-1.amazonaws.com', 'file:///etc/passwd')).toEqual([
      'https://oidc.eu-west-1.amazonaws.com',
      'https://device.sso.eu-west-1.amazonaws.com',
    ]);
    expect(signInOrigins('http://oidc.example:8080', 'javascript:alert(1)')).toEqual([]);
    expect(signInOrigins('not a url', 'custom-scheme://x/start')).toEqual([]);
  });
});

describe('checkSignInPage', () => {
  const origins = ['https://oidc.eu-west-1.amazonaws.com', 'https://d-1234567890.awsapps.com'];

  it('opens only the origins the sign-in named', () => {
    expect(checkSignInPage('https://oidc.eu-west-1.amazonaws.com/authorize?client_id=x', origins).allowed).toBe(true);
    expect(checkSignInPage('https://d-1234567890.awsapps.com/start/#/device?user_code=A', origins).allowed).toBe(true);
    for (const url of [
      'https://oidc.us-east-1.amazonaws.com/authorize',
      'https://oidc.eu-west-1.amazonaws.com.evil.example/authorize',
      'https://oidc.eu-west-1.amazonaws.com:8443/authorize',
      'http://oidc.eu-west-1.amazonaws.com/authorize',
      'https://user:pw@oidc.eu-west-1.amazonaws.com/authorize',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(checkSignInPage(url, origins).allowed, url).toBe(false);
    }
  });

  it('refuses every page that is not https or loopback http, even when its origin ("null") is listed', () => {
    for (const url of [
      'file:///etc/passwd/#/device',
      'javascript:alert(1)//',
      'data:text/html,x',
      'ftp://127.0.0.1/',
    ]) {
      expect(checkSignInPage(url, [...origins, 'null', 'ftp://127.0.0.1']), url).toEqual({
        allowed: false,
        reason: 'Only https links (or http to this computer) are opened for a sign-in.',
      });
    }
    expect(checkSignInPage('http://oidc.example/authorize', ['http://oidc.example']).allowed).toBe(false);
    expect(checkSignInPage('http://127.0.0.1:4566/authorize', ['http://127.0.0.1:4566']).allowed).toBe(true);
    expect(checkSignInPage('http://[::1]:4566/authorize', ['http://[::1]:4566']).allowed).toBe(true);
  });
});
