// Command line: replaced by the CLI.
export {};
