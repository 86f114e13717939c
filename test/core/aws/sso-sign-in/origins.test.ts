/** Which pages a sign-in may ask the browser to open: exactly the hosts its flows need. */
import { describe, expect, it } from 'vitest';
import { signInOrigins } from '../../../../main/core/aws/sso-sign-in/flows';

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
});
