/**
 * The application menu. Refresh (CmdOrCtrl+R) asks the page to refresh its data through the event
 * channel; it must never reload the page, so no `reload` role exists anywhere in the menu. DevTools
 * appear only in development.
 */

import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { AppEvent } from '../../../contract/api';
import { APP_NAME } from '../../domain/ids';

type MenuCommand = Extract<AppEvent, { type: 'menu' }>['command'];

export interface MenuOptions {
  isMac: boolean;
  dev: boolean;
  /** Sends a menu command to the page (webContents.send(EVENT_CHANNEL, …)). */
  send: (event: AppEvent) => void;
  appName?: string;
}

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const command = (c: MenuCommand) => () => options.send({ type: 'menu', command: c });
  const quit: MenuItemConstructorOptions = { label: 'Quit', role: 'quit', accelerator: 'CmdOrCtrl+Q' };

  const fileMenu: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'Refresh', accelerator: 'CmdOrCtrl+R', click: command('refresh') },
      { label: 'Activity', accelerator: 'CmdOrCtrl+Shift+A', click: command('open-activity') },
      ...(options.isMac
        ? []
        : ([
            { label: 'Settings', accelerator: 'CmdOrCtrl+,', click: command('open-settings') },
            { type: 'separator' },
            quit,
          ] satisfies MenuItemConstructorOptions[])),
    ],
  };

  const appMenu: MenuItemConstructorOptions = {
    label: options.appName ?? APP_NAME,
    submenu: [
      { role: 'about' },
      { type: 'separator' },
      { label: 'Settings…', accelerator: 'CmdOrCtrl+,', click: command('open-settings') },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      quit,
    ],
  };

  // The Edit roles make copy, paste and select-all work in text fields (and on macOS at all).
  const editMenu: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };

  const viewMenu: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(options.dev
        ? ([{ type: 'separator' }, { role: 'toggleDevTools' }] satisfies MenuItemConstructorOptions[])
        : []),
    ],
  };

  const windowMenu: MenuItemConstructorOptions = { role: 'windowMenu' };

  return [...(options.isMac ? [appMenu] : []), fileMenu, editMenu, viewMenu, windowMenu];
}

export function setupMenu(options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(options)));
}
