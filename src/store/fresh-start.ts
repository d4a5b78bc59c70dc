import { existsSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import path from 'node:path';
import { DateTime } from 'luxon';
import { ZONE } from '../time';

/**
 * `npm start -- --fresh`: the bot starts from an empty store. The old db.json, and the month
 * files beside it (history/), are moved aside as `db.json.<time>.bak` and `history.<time>.bak` —
 * with the changes a crash left in db.json.log or db.json.journal, as `db.json.log.<time>.bak`
 * and `db.json.journal.<time>.bak`, which the next start of the old files would finish — not
 * deleted: a fresh start typed into the wrong terminal must not cost a department its month
 * of submissions. Returns where db.json went, or undefined if there was none.
 * Call it only while holding the data lock, so no running bot loses its file.
 */
export async function moveStoreAside(dbFile: string, now: Date): Promise<string | undefined> {
  if (!existsSync(dbFile)) return undefined;
  const stamp = DateTime.fromJSDate(now, { zone: ZONE }).toFormat('yyyyMMdd-HHmmss');
  let suffix = `${stamp}.bak`;
  for (let n = 2; existsSync(`${dbFile}.${suffix}`); n++) suffix = `${stamp}-${n}.bak`;
  const history = path.join(path.dirname(dbFile), 'history');
  if (existsSync(history)) await rename(history, `${history}.${suffix}`);
  for (const pending of [`${dbFile}.log`, `${dbFile}.journal`]) if (existsSync(pending)) await rename(pending, `${pending}.${suffix}`);
  await rename(dbFile, `${dbFile}.${suffix}`);
  return `${dbFile}.${suffix}`;
}
