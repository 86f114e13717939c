// App lifecycle: replaced by the Electron shell.
export {};
