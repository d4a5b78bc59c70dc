import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRoster } from '../../src/org/roster';
import { previewReminders } from '../../src/reminders/preview';
import { emptyDb } from '../../src/store/schema';
import { LowdbStore } from '../../src/store/lowdb-store';
import { Store } from '../../src/store/store';
import { loadTaskCatalog } from '../../src/tasks/catalog';
import { simulate } from '../helpers/simulate';
import { tempDir } from '../helpers/temp-dir';

const drafts = (out: Awaited<ReturnType<typeof simulate>>, month: string) => out.filter((o) => o.card?.title.includes(month));

describe('the first start: only months the bot ran are reminded and drafted', () => {
  it('a fresh install on 11-01 sends no October draft, and drafts November', async () => {
    const out = await simulate([{ at: '2026-11-01T08:00:00+08:00' }, { at: '2026-11-30T18:00:00+08:00' }]);
    expect(drafts(out, '2026年10月')).toEqual([]);
    expect(drafts(out, '2026年11月').map((o) => o.at)).toEqual(Array(3).fill('2026-11-27T10:00:00+08:00'));
  });

  it('a bot running since October drafts October on the first working day after its last deadline', async () => {
    const out = await simulate([{ at: '2026-10-01T08:00:00+08:00' }, { at: '2026-10-31T18:00:00+08:00' }]);
    expect(drafts(out, '2026年10月').map((o) => `${o.at} ${o.chat}`)).toEqual([
      '2026-10-27T10:00:00+08:00 dm:lin-xiaoyan',
      '2026-10-27T10:00:00+08:00 dm:xu-wenbo',
      '2026-10-27T10:00:00+08:00 dm:gao-ya',
    ]);
  });

  it('a fresh install after the 20th neither reminds of the 20th nor drafts November', async () => {
    const out = await simulate([{ at: '2026-11-23T08:00:00+08:00' }, { at: '2026-11-30T18:00:00+08:00' }]);
    expect(out.filter((o) => o.text.includes('红黑名单'))).toEqual([]);
    // The 25th and the 26th it did run: reminded on their due day.
    expect(out.some((o) => o.chat === 'dm:wang-fang' && o.text.includes('双公示（商事登记项目审批服务科）— 今天 18:00 截止'))).toBe(true);
    expect(drafts(out, '2026年11月')).toEqual([]);
  });

  it('remembers its first run across restarts', async () => {
    const dataDir = tempDir();
    await simulate([{ at: '2026-11-02T08:00:00+08:00' }, { at: '2026-11-02T12:00:00+08:00' }], { dataDir });
    const engine = await LowdbStore.open(path.join(dataDir, 'db.json'));
    expect(engine.data.reminderState.firstRunAt).toBe(new Date('2026-11-02T08:00:00+08:00').toISOString());
  });
});

describe('提醒 预览 shows what the job will send', () => {
  it('agrees with a run of the job over the same seven days, drafts included', async () => {
    const dataDir = tempDir();
    await simulate([{ at: '2026-11-01T08:00:00+08:00' }, { at: '2026-11-25T08:00:00+08:00' }], { dataDir });
    const roster = loadRoster('data/org.yaml');
    const catalog = loadTaskCatalog('data/tasks.yaml', roster);
    const store = new Store(await LowdbStore.open(path.join(dataDir, 'db.json')));
    const from = new Date('2026-11-25T08:00:00+08:00');
    const preview = previewReminders(from, 7, catalog, roster, store.view).map(({ at, planned }) => `${at.toISOString()} ${JSON.stringify(planned.message.to)}`);
    const sent = await simulate([{ at: '2026-11-25T08:00:00+08:00' }, { at: '2026-12-02T08:00:00+08:00' }], { dataDir });
    expect(preview).toEqual(sent.map((o) => `${new Date(o.at).toISOString()} ${JSON.stringify(o.chat === 'group' ? { kind: 'group', groupId: 'main' } : { kind: 'direct', personId: o.chat.slice(3) })}`));
    expect(preview.filter((p) => p.startsWith('2026-11-27T02:00:00.000Z'))).toHaveLength(3);
  });
});

describe('a store from before the first run was recorded', () => {
  it('counts from its first outbox entry: an install running since mid-October still gets its October draft', async () => {
    const dataDir = tempDir();
    // A version-4 file: written before the job kept its own state.
    const { reminderState: _r, parkedForms: _p, pendingPublications: _q, cards: _c, ...current } = emptyDb();
    const old = { ...current, version: 4 };
    old.outbox = [
      {
        id: 'old-1',
        keys: ['2026-10|red_black_list|commerce|reporters_3d|wang-fang'],
        message: { to: { kind: 'direct', personId: 'wang-fang' }, mentions: [], content: { text: '【填报提醒】…' } },
        createdAt: '2026-10-15T01:30:00.000Z',
        status: 'sent',
        attempts: 1,
        nextAttemptAt: '2026-10-15T01:30:00.000Z',
        sentAt: '2026-10-15T01:30:00.000Z',
      },
    ];
    fs.writeFileSync(path.join(dataDir, 'db.json'), JSON.stringify(old));
    const out = await simulate([{ at: '2026-11-02T08:00:00+08:00' }, { at: '2026-11-02T12:00:00+08:00' }], { dataDir });
    expect(drafts(out, '2026年10月').map((o) => o.at)).toEqual(Array(3).fill('2026-11-02T09:30:00+08:00'));
  });
});
