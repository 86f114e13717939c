/**
 * A process killed in the middle of an asynchronous snapshot save (atomic-file.ts
 * replaceFileWithParts): everything written and flushed to disk, killed (SIGKILL) right before the
 * rename — the latest a kill can come and still find the old file. Run by snapshot-kill.test.ts:
 *   node --import tsx snapshot-kill-writer.ts <file>
 */
import { replaceFileWithParts } from '../../../main/core/storage/atomic-file';

const file = process.argv[2] as string;
const parts = Array.from({ length: 64 }, (_, i) => Buffer.alloc(64 * 1024, 48 + (i % 10)));
void replaceFileWithParts(file, parts, {
  beforeRename: () => {
    process.kill(process.pid, 'SIGKILL');
    return true;
  },
});
