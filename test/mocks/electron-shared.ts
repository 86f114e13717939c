/** The registry that keeps one fake of each Electron module per process (see electron.ts). */
// One fake per process, even when a test re-imports modules after vi.resetModules(): the module can be
// evaluated again, but every evaluation hands out the same objects, so a test and the code under test
// always share them.
const registry = globalThis as unknown as { __fakeElectron?: Map<string, unknown> };
export function shared<T>(name: string, make: () => T): T {
  registry.__fakeElectron ??= new Map();
  if (!registry.__fakeElectron.has(name)) registry.__fakeElectron.set(name, make());
  return registry.__fakeElectron.get(name) as T;
}
