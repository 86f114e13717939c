/**
 * Runs sandboxed in the renderer's isolated world. Exposes exactly one function per contract channel
 * and one event subscription; never ipcRenderer itself, never the IpcRendererEvent.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { AppEvent, Channel } from '../contract/api';
import { API_METHODS, EVENT_CHANNEL } from '../contract/channels';

const api: Record<string, unknown> = {};
for (const [channel, method] of Object.entries(API_METHODS) as [Channel, string][]) {
  api[method] = (request?: unknown) => ipcRenderer.invoke(channel, request);
}
api.onEvent = (listener: (event: AppEvent) => void) => {
  if (typeof listener !== 'function') throw new TypeError('onEvent needs a function');
  const wrapped = (_event: unknown, payload: AppEvent) => listener(payload);
  ipcRenderer.on(EVENT_CHANNEL, wrapped);
  return () => {
    ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
  };
};

contextBridge.exposeInMainWorld('api', Object.freeze(api));
