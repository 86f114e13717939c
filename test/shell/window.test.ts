import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../mocks/electron'));

import { parseTrustedOrigin } from '../../main/shell/bind-ipc';
import type { WindowState } from '../../main/shell/desktop/window-state';
import { APP_ENTRY_URL, APP_ORIGIN_URL } from '../../main/shell/protocol';
import {
  createMainWindow,
  defaultPreloadPath,
  focusWindow,
  loadFailurePage,
  WINDOW_BACKGROUND,
} from '../../main/shell/window';
import { BrowserWindow, nativeTheme, resetElectronMock, screen } from '../mocks/electron';

const origins = [parseTrustedOrigin(APP_ORIGIN_URL)];

function makeWindow(extra: Partial<Parameters<typeof createMainWindow>[0]> = {}) {
  const openExternal = vi.fn();
  const win = createMainWindow({
    url: APP_ENTRY_URL,
    origins,
    preloadPath: '/app/out/preload/index.cjs',
    openExternal,
    ...extra,
  }) as unknown as BrowserWindow;
  return { win, openExternal, contents: win.webContents };
}

beforeEach(() => resetElectronMock());

describe('createMainWindow', () => {
  it('states every secure webPreferences value explicitly', () => {
    const { win } = makeWindow();
    expect(win.options.webPreferences).toEqual({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      safeDialogs: true,
    });
    expect(win.options.show).toBe(false);
    expect(win.loadURL).toHaveBeenCalledWith(APP_ENTRY_URL);
    expect(BrowserWindow.instances).toHaveLength(1);
  });

  it('puts the preload next to the built main process', () => {
    expect(defaultPreloadPath('/app/out/main')).toBe(path.join('/app/out', 'preload', 'index.cjs'));
  });

  it('shows the window once it is ready to show', () => {
    const { win } = makeWindow();
    expect(win.visible).toBe(false);
    win.emit('ready-to-show');
    expect(win.visible).toBe(true);
  });

  describe('navigation', () => {
    it.each([
      'https://evil.example/',
      'http://renderer/index.html',
      'file:///etc/passwd',
      'app://evil/index.html',
      'app://renderer.evil/index.html',
      'javascript:alert(1)',
      'not a url',
    ])('prevents will-navigate to %s', (url) => {
      const { contents } = makeWindow();
      expect(contents.fire('will-navigate', url).defaultPrevented).toBe(true);
      expect(contents.fire('will-redirect', url).defaultPrevented).toBe(true);
    });

    it('opens a plain link to an allowlisted page in the browser instead of navigating', () => {
      const { contents, openExternal } = makeWindow();
      expect(contents.fire('will-navigate', 'https://evil.example/').defaultPrevented).toBe(true);
      expect(openExternal).not.toHaveBeenCalled();
      expect(contents.fire('will-navigate', 'https://docs.aws.amazon.com/securityhub/').defaultPrevented).toBe(true);
      expect(openExternal).toHaveBeenCalledExactlyOnceWith('https://docs.aws.amazon.com/securityhub/');
      expect(contents.fire('will-redirect', 'https://docs.aws.amazon.com/x').defaultPrevented).toBe(true);
      expect(openExternal).toHaveBeenCalledTimes(1);
    });

    it('allows navigation within the app origin', () => {
      const { contents } = makeWindow();
      expect(contents.fire('will-navigate', 'app://renderer/index.html').defaultPrevented).toBe(false);
      expect(contents.fire('will-navigate', 'app://renderer/index.html#/activity').defaultPrevented).toBe(false);
    });

    it('allows the dev server only when it is a trusted origin', () => {
      const dev = 'http://localhost:5173/';
      const { contents } = makeWindow({ url: dev, origins: [...origins, parseTrustedOrigin(dev)] });
      expect(contents.fire('will-navigate', 'http://localhost:5173/index.html').defaultPrevented).toBe(false);
      expect(contents.fire('will-navigate', 'http://localhost:5174/').defaultPrevented).toBe(true);
      expect(makeWindow().contents.fire('will-navigate', dev).defaultPrevented).toBe(true);
    });

    it('prevents will-attach-webview', () => {
      const { contents } = makeWindow();
      expect(contents.fire('will-attach-webview', {}, {}).defaultPrevented).toBe(true);
    });
  });

  describe('window.open', () => {
    it('always denies, and hands only allowlisted https URLs to the system browser', () => {
      const { contents, openExternal } = makeWindow();
      const handler = contents.windowOpenHandler;
      expect(handler).not.toBeNull();
      const refused = [
        'http://console.aws.amazon.com/',
        'javascript:alert(1)',
        'file:///etc/passwd',
        'https://console.aws.amazon.com.evil.com/',
        'https://aws.amazon.com@evil.com/',
        'app://renderer/index.html',
      ];
      for (const url of refused) expect(handler?.({ url })).toEqual({ action: 'deny' });
      expect(openExternal).not.toHaveBeenCalled();

      expect(handler?.({ url: 'https://us-east-1.console.aws.amazon.com/securityhub/home' })).toEqual({
        action: 'deny',
      });
      expect(openExternal).toHaveBeenCalledTimes(1);
      expect(openExternal).toHaveBeenCalledWith('https://us-east-1.console.aws.amazon.com/securityhub/home');
    });
  });

  describe('window state', () => {
    function store(saved: WindowState | null) {
      return { getWindowState: vi.fn(() => saved), setWindowState: vi.fn() };
    }

    it('reopens at the saved size and position, maximised when it was', () => {
      const s = store({ x: 50, y: 60, width: 1000, height: 700, maximized: true });
      const { win } = makeWindow({ windowState: s });
      expect(win.options).toMatchObject({ x: 50, y: 60, width: 1000, height: 700 });
      win.emit('ready-to-show');
      expect(win.maximize).toHaveBeenCalled();
    });

    it('drops a position that is on no display any more', () => {
      screen.displays = [
        { id: 1, workArea: { x: 0, y: 0, width: 1280, height: 760 }, bounds: { x: 0, y: 0, width: 1280, height: 800 } },
      ];
      const { win } = makeWindow({
        windowState: store({ x: 3000, y: 100, width: 1000, height: 700, maximized: false }),
      });
      expect(win.options.x).toBeUndefined();
      expect(win.options.y).toBeUndefined();
      expect(win.options.width).toBe(1000);
    });

    it('saves the bounds when the window closes', () => {
      const s = store(null);
      const { win } = makeWindow({ windowState: s });
      win.setBounds({ x: 10, y: 20, width: 900, height: 600 });
      win.emit('close');
      expect(s.setWindowState).toHaveBeenCalledWith({ x: 10, y: 20, width: 900, height: 600, maximized: false });
    });

    it('opens at the default size when the store throws', () => {
      const s = {
        getWindowState: vi.fn(() => {
          throw new Error('corrupt');
        }),
        setWindowState: vi.fn(),
      };
      const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
      const { win } = makeWindow({ windowState: s });
      expect(win.options).toMatchObject({ width: 1280, height: 800 });
      spy.mockRestore();
    });
  });
});

describe('focusWindow', () => {
  it('restores, shows and focuses an existing window; ignores a missing one', () => {
    const { win } = makeWindow();
    win.minimized = true;
    focusWindow(win as never);
    expect(win.restore).toHaveBeenCalled();
    expect(win.show).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
    expect(() => focusWindow(null)).not.toThrow();
  });
});

describe('the window before and around its page', () => {
  it('paints the page background of the OS theme, and follows the OS when it changes', () => {
    nativeTheme.shouldUseDarkColors = true;
    const { win } = makeWindow();
    expect(win.options.backgroundColor).toBe(WINDOW_BACKGROUND.dark);
    nativeTheme.shouldUseDarkColors = false;
    nativeTheme.emit('updated');
    expect(win.backgroundColor).toBe(WINDOW_BACKGROUND.light);
    win.destroy();
    expect(nativeTheme.listenerCount('updated')).toBe(0);
  });

  it('uses the theme the settings choose over the OS', () => {
    nativeTheme.shouldUseDarkColors = false;
    expect(makeWindow({ theme: () => 'dark' }).win.options.backgroundColor).toBe(WINDOW_BACKGROUND.dark);
    nativeTheme.shouldUseDarkColors = true;
    expect(makeWindow({ theme: () => 'light' }).win.options.backgroundColor).toBe(WINDOW_BACKGROUND.light);
    // Unreadable settings: follow the OS.
    const broken = () => {
      throw new Error('settings unreadable');
    };
    expect(makeWindow({ theme: broken }).win.options.backgroundColor).toBe(WINDOW_BACKGROUND.dark);
  });

  it('shows itself with an explanation when its page fails to load, instead of staying hidden', () => {
    const { win, contents } = makeWindow();
    expect(win.visible).toBe(false);
    contents.fire('did-fail-load', -6, 'ERR_FILE_NOT_FOUND', APP_ENTRY_URL, true);
    expect(win.visible).toBe(true);
    const shown = win.loadURL.mock.calls.at(-1)?.[0] as string;
    expect(shown.startsWith('data:text/html')).toBe(true);
    expect(decodeURIComponent(shown)).toContain('The page did not load: ERR_FILE_NOT_FOUND (-6).');
  });

  it('ignores aborted loads and sub-frames, and escapes what it shows', () => {
    const { win, contents } = makeWindow();
    contents.fire('did-fail-load', -3, 'ERR_ABORTED', APP_ENTRY_URL, true);
    contents.fire('did-fail-load', -6, 'ERR_FILE_NOT_FOUND', 'app://renderer/frame.html', false);
    expect(win.visible).toBe(false);
    expect(decodeURIComponent(loadFailurePage('<script>x</script>', -2))).not.toContain('<script>');
  });
});
