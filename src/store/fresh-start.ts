import { existsSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { DateTime } from 'luxon';
import { ZONE } from '../time';

/**
 * `npm start -- --fresh`: the bot starts from an empty store. The old file is moved aside as
 * `db.json.<time>.bak`, not deleted: a fresh start typed into the wrong terminal must not cost a
 * department its month of submissions. Returns where it went, or undefined if there was none.
 * Call it only while holding the data lock, so no running bot loses its file.
 */
export async function moveStoreAside(dbFile: string, now: Date): Promise<string | undefined> {
  if (!existsSync(dbFile)) return undefined;
  const stamp = DateTime.fromJSDate(now, { zone: ZONE }).toFormat('yyyyMMdd-HHmmss');
  let backup = `${dbFile}.${stamp}.bak`;
  for (let n = 2; existsSync(backup); n++) backup = `${dbFile}.${stamp}-${n}.bak`;
  await rename(dbFile, backup);
  return backup;
}
