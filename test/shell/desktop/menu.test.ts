import type { MenuItemConstructorOptions } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../../mocks/electron'));

import { buildMenuTemplate, setupMenu } from '../../../main/shell/desktop/menu';
import { Menu, resetElectronMock } from '../../mocks/electron';

beforeEach(() => resetElectronMock());

/** Runs a menu item's click handler (fails the test when the item has none). */
function click(item: MenuItemConstructorOptions | undefined): void {
  if (typeof item?.click !== 'function') throw new Error('menu item has no click handler');
  (item.click as () => void)();
}

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

function byAccelerator(items: MenuItemConstructorOptions[], accelerator: string) {
  return flatten(items).filter((i) => i.accelerator === accelerator);
}

describe.each([
  { isMac: false, name: 'Windows/Linux' },
  { isMac: true, name: 'macOS' },
])('application menu on $name', ({ isMac }) => {
  it('Refresh (CmdOrCtrl+R) sends a menu event and never reloads the page', () => {
    const send = vi.fn();
    const items = buildMenuTemplate({ isMac, dev: true, send });
    const refresh = byAccelerator(items, 'CmdOrCtrl+R');
    expect(refresh).toHaveLength(1);
    expect(refresh[0]?.role).toBeUndefined();
    click(refresh[0]);
    expect(send).toHaveBeenCalledExactlyOnceWith({ type: 'menu', command: 'refresh' });
    const roles = flatten(items).map((i) => i.role?.toLowerCase());
    expect(roles).not.toContain('reload');
    expect(roles).not.toContain('forcereload');
  });

  it('has Quit on CmdOrCtrl+Q and the Edit roles for text fields', () => {
    const items = buildMenuTemplate({ isMac, dev: false, send: vi.fn() });
    const quit = byAccelerator(items, 'CmdOrCtrl+Q');
    expect(quit).toHaveLength(1);
    expect(quit[0]?.role).toBe('quit');
    const edit = items.find((i) => i.label === 'Edit');
    const editRoles = ((edit?.submenu ?? []) as MenuItemConstructorOptions[]).map((i) => i.role).filter(Boolean);
    expect(editRoles).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']));
  });

  it('offers DevTools only in development', () => {
    const roles = (dev: boolean) => flatten(buildMenuTemplate({ isMac, dev, send: vi.fn() })).map((i) => i.role);
    expect(roles(true)).toContain('toggleDevTools');
    expect(roles(false)).not.toContain('toggleDevTools');
  });

  it('sends open-settings and open-activity commands', () => {
    const send = vi.fn();
    const items = flatten(buildMenuTemplate({ isMac, dev: false, send }));
    click(items.find((i) => i.accelerator === 'CmdOrCtrl+,'));
    click(items.find((i) => i.accelerator === 'CmdOrCtrl+Shift+A'));
    expect(send.mock.calls).toEqual([
      [{ type: 'menu', command: 'open-settings' }],
      [{ type: 'menu', command: 'open-activity' }],
    ]);
  });

  it('no accelerator is bound twice', () => {
    const accelerators = flatten(buildMenuTemplate({ isMac, dev: true, send: vi.fn() }))
      .map((i) => i.accelerator)
      .filter(Boolean);
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });
});

describe('setupMenu', () => {
  it('installs the built template as the application menu', () => {
    setupMenu({ isMac: false, dev: false, send: vi.fn() });
    expect(Menu.setApplicationMenu).toHaveBeenCalledTimes(1);
    const labels = ((Menu.applicationMenu?.template ?? []) as MenuItemConstructorOptions[]).map(
      (i) => i.label ?? i.role,
    );
    expect(labels).toEqual(['File', 'Edit', 'View', 'windowMenu']);
  });
});
