import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandList } from '../../commands/index';
import { appFlows } from '../../src/app';
import { typedIncoming } from '../../src/channels/typed-incoming';
import { workdayLifetime } from '../../src/conversations/lifetime';
import { Bot } from '../../src/core/bot';
import { VirtualClock } from '../../src/core/clock';
import { CommandRegistry } from '../../src/core/command';
import type { Outgoing } from '../../src/model/message';
import { Conversations } from '../../src/conversations/conversations';
import { answerFromDocuments } from '../../src/knowledge/answer-question';
import { loadRoster } from '../../src/org/roster';
import { reminderJob } from '../../src/reminders/reminder-job';
import { LowdbStore } from '../../src/store/lowdb-store';
import { Store } from '../../src/store/store';
import { loadTaskCatalog } from '../../src/tasks/catalog';
import { shippedKnowledge, textOf } from '../helpers/bot-harness';
import { captureLog } from '../helpers/silent-logger';
import { tempDir } from '../helpers/temp-dir';

/** The sample department with a group chat that is down until `groupUp` is set. */
async function botWithFlakyGroup() {
  const dataDir = tempDir();
  const engine = await LowdbStore.open(path.join(dataDir, 'db.json'));
  const store = new Store(engine);
  // The bot has been running since before November's deadlines, so November is its to publish.
  await engine.update((db) => void (db.reminderState.firstRunAt = '2026-11-01T00:00:00.000Z'));
  const roster = loadRoster('data/org.yaml');
  const catalog = loadTaskCatalog('test/fixtures/ranking-tasks.yaml', roster);
  const clock = new VirtualClock(new Date('2026-11-27T10:30:00+08:00'));
  const log = captureLog().log;
  const knowledge = await shippedKnowledge();
  const state = { groupUp: false, sent: [] as Outgoing[] };
  const channel = {
    name: 'simulate',
    capabilities: { cards: true, files: true, mentions: 'id' as const },
    async send(out: Outgoing) {
      if (out.to.kind === 'group' && !state.groupUp) throw new Error('group chat unreachable');
      state.sent.push(out);
      return { messageId: `m-${state.sent.length}` };
    },
  };
  const bot = new Bot({
    roster,
    store,
    clock,
    log,
    catalog,
    knowledge,
    channel,
    commands: new CommandRegistry(commandList),
    conversations: new Conversations(appFlows(catalog), workdayLifetime(catalog)),
    answerQuestion: answerFromDocuments(knowledge),
    exportsDir: path.join(dataDir, 'exports'),
  });
  let n = 0;
  const say = async (from: string, text: string) => {
    await bot.handle(typedIncoming({ channel: 'simulate', senderId: from, personId: from, chat: { kind: 'direct' }, text, messageId: `m${++n}`, time: clock.now() }, roster));
    return state.sent.splice(0).map(textOf);
  };
  const job = reminderJob({ store, catalog, roster, send: async (out) => void (await bot.send(out)), log });
  return { engine, clock, state, say, job };
}

describe('a confirmed notice that cannot reach the group at once', () => {
  it('is kept in the outbox and posted by the next delivery, not lost nor published twice', async () => {
    const { engine, clock, state, say, job } = await botWithFlakyGroup();
    await say('xu-wenbo', '排名 发布 2026-11');
    expect(await say('xu-wenbo', '确认发布')).toEqual(['已确认2026年11月的排名通报，但发送到工作群时出错；它已记录为已发布，会在工作时间自动重发，请勿重复发布。']);
    expect(engine.data.rankings.map((r) => r.month)).toEqual(['2026-11']);
    expect(engine.data.pendingPublications).toEqual({});

    state.groupUp = true;
    clock.set(new Date('2026-11-27T10:45:00+08:00'));
    await job.run(clock.now());
    const posted = state.sent.splice(0).filter((o) => o.to.kind === 'group');
    expect(posted.map((o) => textOf(o).split('\n')[0])).toEqual(['关于2026年11月份信用监测任务完成情况的通报']);
    expect(await say('xu-wenbo', '确认发布')).toEqual(['没有等您确认发布的通报。请先发送「排名 发布 [月份]」查看将发布的全文，再回复「确认发布」。']);
    await job.run(clock.now());
    expect(state.sent.filter((o) => o.to.kind === 'group')).toEqual([]);
  });
});
