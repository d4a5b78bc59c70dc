import lockfile from 'proper-lockfile';
import { StartupError } from '../startup-error';

/**
 * Holds `<file>.lock` while the bot runs, so a second bot process pointed at the same data cannot
 * send the same reminders again. A lock left by a crashed process goes stale after 30 seconds.
 * Returns the release function.
 */
export async function lockDataFile(file: string): Promise<() => Promise<void>> {
  try {
    return await lockfile.lock(file, { stale: 30_000, update: 10_000, realpath: false });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') {
      throw new StartupError(
        `数据文件 ${file} 正被另一个机器人进程使用（锁 ${file}.lock）。同一份数据只能由一个进程运行，以免重复发送提醒；请先停止那个进程。若它已意外退出，30 秒后可再启动。`,
      );
    }
    throw error;
  }
}
