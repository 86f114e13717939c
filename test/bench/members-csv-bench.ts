/**
 * What a members CSV of bad lines costs the main process: a 1 MB file in the shapes an attack run
 * used, read through readMembersCsv as `members:import-csv` reads it. Prints, per file, the time
 * the import took, the longest the event loop was blocked meanwhile (a window that stops drawing
 * and answering), and the bytes of the answer that crosses IPC (its JSON).
 *
 *   node --import tsx test/bench/members-csv-bench.ts
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { readMembersCsv } from '../../main/core/admin/members-csv';

const MB = 1024 * 1024;

/** One megabyte of `line`, after the header. */
const fill = (line: string) => `Account ID,Email\n${line.repeat(Math.floor((MB - 17) / line.length))}`;

/** The shapes of the attack run's files, each 1 MB (the import's limit). */
const FILES: Record<string, string> = {
  'short ids ("1")': fill('1\n'),
  'words ("abc,x")': fill('abc,x\n'),
  'bad emails': fill('123456789012,not-an-email\n'),
  duplicates: fill('123456789012,a@example.com\n'),
  'blank cells (" ")': fill(' \n'),
  'one long line': `Account ID,Email\n${'9'.repeat(MB - 18)}\n`,
};

async function main() {
  const dir = await mkdtemp(path.join(tmpdir(), 'shi-csv-bench-'));
  try {
    console.log('file                  import ms  longest block ms  reply bytes  errors listed / more');
    for (const [name, text] of Object.entries(FILES)) {
      const file = path.join(dir, 'members.csv');
      await writeFile(file, text);
      // The longest gap between two turns of a 1 ms timer: how long the loop was held at once.
      let last = performance.now();
      let longest = 0;
      const ticker = setInterval(() => {
        const now = performance.now();
        longest = Math.max(longest, now - last);
        last = now;
      }, 1);
      const started = performance.now();
      const result = await readMembersCsv(file);
      const ms = performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 5));
      clearInterval(ticker);
      const reply = Buffer.byteLength(JSON.stringify(result));
      const more = (result as { moreErrors?: number }).moreErrors ?? 0;
      console.log(
        `${name.padEnd(22)}${ms.toFixed(0).padStart(9)}${longest.toFixed(0).padStart(18)}${String(reply).padStart(13)}  ${result.errors.length} / ${more}`,
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

void main();
