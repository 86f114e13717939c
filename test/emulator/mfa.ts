/**
 * One-time MFA codes. Each device accepts the codes listed in the scenario; a code is refused when it
 * was already used within the device's window (STS refuses a reused code the same way).
 */
import type { EmulatorState } from './state';

export type MfaVerdict = 'ok' | 'unknown-device' | 'invalid';

export function checkMfaCode(
  state: EmulatorState,
  callerAccountId: string,
  serial: string,
  code: string,
  now = Date.now(),
): MfaVerdict {
  const device = state.mfaDevices.get(serial);
  // A device of another account cannot vouch for this caller.
  if (!device || serial.split(':')[4] !== callerAccountId) return 'unknown-device';
  if (!device.codes.has(code)) return 'invalid';
  const last = device.used.get(code);
  if (last !== undefined && now - last < device.windowMs) return 'invalid';
  device.used.set(code, now);
  return 'ok';
}

export const MFA_INVALID_CODE = 'MultiFactorAuthentication failed with invalid MFA one time pass code. ';
export const MFA_UNKNOWN_DEVICE =
  'MultiFactorAuthentication failed, unable to validate MFA code. Please verify your MFA serial number is valid and associated with this user.';
