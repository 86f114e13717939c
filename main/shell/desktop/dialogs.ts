/**
 * File dialogs. The activity export asks where to save; the suggested name is reduced to a bare file
 * name so a caller cannot steer the dialog to another folder.
 */
import path from 'node:path';
import { type BrowserWindow, dialog } from 'electron';

const FILTERS: Record<string, { name: string; extensions: string[] }> = {
  '.csv': { name: 'CSV', extensions: ['csv'] },
  '.json': { name: 'JSON', extensions: ['json'] },
};

export function safeFileName(name: string): string {
  // Control characters and the characters Windows forbids in file names become underscores.
  const cleaned = [...path.basename(String(name).replaceAll('\\', '/'))]
    .map((ch) => (ch.charCodeAt(0) < 0x20 || '<>:"|?*'.includes(ch) ? '_' : ch))
    .join('');
  const base = cleaned;
  return base === '' || base === '.' || base === '..' ? 'export' : base.slice(0, 200);
}

/** Shows a save dialog in `downloadsDir`; resolves to the chosen path, or null when cancelled. */
export async function chooseSavePath(
  parent: BrowserWindow | null,
  defaultName: string,
  downloadsDir: string,
): Promise<string | null> {
  const name = safeFileName(defaultName);
  const filter = FILTERS[path.extname(name).toLowerCase()];
  const options = {
    title: 'Save activity',
    defaultPath: path.join(downloadsDir, name),
    filters: [...(filter ? [filter] : []), { name: 'All files', extensions: ['*'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'] as ('createDirectory' | 'showOverwriteConfirmation')[],
  };
  const result =
    parent && !parent.isDestroyed()
      ? await dialog.showSaveDialog(parent, options)
      : await dialog.showSaveDialog(options);
  if (result.canceled || !result.filePath) return null;
  return result.filePath;
}

/** Shows an open-file dialog for one file; resolves to its path, or null when cancelled. */
export async function chooseOpenPath(
  parent: BrowserWindow | null,
  options: { title: string; extensions: string[] },
): Promise<string | null> {
  const extensions = options.extensions.map((e) => e.replace(/[^a-z0-9]/gi, '')).filter(Boolean);
  const dialogOptions = {
    title: options.title,
    filters: [
      ...(extensions.length ? [{ name: extensions.join(', ').toUpperCase(), extensions }] : []),
      { name: 'All files', extensions: ['*'] },
    ],
    properties: ['openFile'] as 'openFile'[],
  };
  const result =
    parent && !parent.isDestroyed()
      ? await dialog.showOpenDialog(parent, dialogOptions)
      : await dialog.showOpenDialog(dialogOptions);
  if (result.canceled) return null;
  return result.filePaths[0] ?? null;
}
