import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../../mocks/electron'));

import { denyAllPermissions } from '../../../main/shell/desktop/permissions';
import { resetElectronMock, session } from '../../mocks/electron';

beforeEach(() => resetElectronMock());

describe('denyAllPermissions', () => {
  it('refuses every permission request and check on the default session', () => {
    const s = session.defaultSession;
    denyAllPermissions(s);
    const request = s.permissionRequestHandler;
    const check = s.permissionCheckHandler;
    expect(request).toBeTypeOf('function');
    expect(check).toBeTypeOf('function');
    for (const permission of [
      'clipboard-read',
      'clipboard-sanitized-write',
      'notifications',
      'media',
      'geolocation',
      'openExternal',
      'fullscreen',
    ]) {
      const callback = vi.fn();
      request?.({}, permission, callback);
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
      expect(check?.({}, permission, 'app://renderer')).toBe(false);
    }
    expect(s.devicePermissionHandler?.({ deviceType: 'usb' })).toBe(false);
  });
});
