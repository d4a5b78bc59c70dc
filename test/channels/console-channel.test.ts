import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runNpmScript } from '../helpers/run-cli';
import { tempDir } from '../helpers/temp-dir';

describe('console channel (npm start through a pipe)', () => {
  it('chats as a roster member in the group and in a direct chat, and exits at end of input', async () => {
    const dataDir = tempDir();
    const input = ['帮助', '大家下午好', '@信用助手', '/as 林晓燕', '/dm', '我是谁', '/who', '/group', '@信用助手 @王芳 双公示怎么报'].join('\n');
    const { code, stdout, stderr } = await runNpmScript('start', [], { input, env: { CREDIT_DATA_DIR: dataDir } });
    expect(stderr.replace(/npm warn.*\n/g, '')).toBe('');
    expect(code).toBe(0);
    // Starts as an ordinary reporter, in the department's group.
    expect(stdout).toContain('您现在是 王芳（商事登记项目审批服务科 专人），在群聊「信用体系建设工作群」');
    // Each bot message says where it went and whom it mentions; cards read as text.
    expect(stdout).toContain('王芳（群聊「信用体系建设工作群」）：帮助\n信用助手 → 群聊「信用体系建设工作群」 @王芳\n  【信用助手 · 帮助】');
    // Un-mentioned chatter gets no answer: the next bot line answers the @-mention.
    expect(stdout).toContain('：大家下午好\n王芳（群聊「信用体系建设工作群」）：@信用助手\n信用助手 → ');
    expect(stdout).toContain('（您现在是 林晓燕（政务服务体系建设指导科 科室负责人、管理员），在群聊「信用体系建设工作群」）');
    expect(stdout).toContain('林晓燕（与信用助手的私聊）：我是谁\n信用助手 → 私聊 林晓燕\n  【我是谁】');
    expect(stdout).toMatch(/song-jia\s+宋佳（监督考核科、综合受理窗口 专人）/);
    // A question in the group with an @-mention is answered from the shipped documents.
    expect(stdout).toMatch(/信用助手 → 群聊「信用体系建设工作群」 @林晓燕\n  根据《[^》]+》[^：]+：“/);
    // The store and the log file are where the banner says.
    expect(Object.keys(JSON.parse(readFileSync(path.join(dataDir, 'db.json'), 'utf8')).seenMessages)).toHaveLength(5);
    expect(readFileSync(path.join(dataDir, 'logs', 'bot.log'), 'utf8')).toContain('"msg":"bot started"');
  });

  it('follows the bot into the direct chat when it moves a group conversation there, and says so', async () => {
    const dataDir = tempDir();
    const input = ['填报 双公示', '120', '120', '/group', '帮助'].join('\n');
    const { stdout } = await runNpmScript('start', [], { input, env: { CREDIT_DATA_DIR: dataDir } });
    expect(stdout).toContain(
      [
        '王芳（群聊「信用体系建设工作群」）：填报 双公示',
        '信用助手 → 群聊「信用体系建设工作群」 @王芳',
        '  已私聊 王芳，请在与信用助手的私聊中继续填报。',
        '（信用助手在私聊中回复了您，已切换到与信用助手的私聊；发送 /group 回到群聊）',
        '信用助手 → 私聊 王芳',
      ].join('\n'),
    );
    // The answers go to the direct chat, where the form takes them: the next question follows each.
    expect(stdout).toMatch(/王芳（与信用助手的私聊）：120\n信用助手 → 私聊 王芳\n  （2\/\d+）/);
    expect(stdout).toMatch(/王芳（与信用助手的私聊）：120\n信用助手 → 私聊 王芳\n  （3\/\d+）/);
    // A group reply that stays in the group does not move the console.
    expect(stdout).toContain('（现在在群聊「信用体系建设工作群」，@信用助手 提问）\n王芳（群聊「信用体系建设工作群」）：帮助\n信用助手 → 群聊「信用体系建设工作群」 @王芳\n  【信用助手 · 帮助】');
    expect(stdout.match(/已切换到与信用助手的私聊/g)).toHaveLength(1);
  });

  it('plays someone outside the roster with /as and a name the roster does not have', async () => {
    const dataDir = tempDir();
    const { stdout } = await runNpmScript('start', [], { input: ['/as 张三', '/dm', '我是谁', '/as 王芳'].join('\n'), env: { CREDIT_DATA_DIR: dataDir } });
    expect(stdout).toContain('（名册中没有“张三”，您现在以名册外人员“张三”的身份，在群聊「信用体系建设工作群」。发送 /who 查看名册，例如 /as 王芳）');
    expect(stdout).toContain('张三（与信用助手的私聊）：我是谁\n信用助手 → 私聊 张三\n  您还不在名册中（console 账号 张三）。请联系管理员');
    expect(stdout).toContain('（您现在是 王芳（商事登记项目审批服务科 专人），在与信用助手的私聊）');
  });

  it('starts afresh with --fresh, moving the old data aside rather than deleting it', async () => {
    const dataDir = tempDir();
    const db = path.join(dataDir, 'db.json');
    await runNpmScript('start', [], { input: '/dm\n我是谁\n', env: { CREDIT_DATA_DIR: dataDir } });
    const before = readFileSync(db, 'utf8');
    expect(Object.keys(JSON.parse(before).seenMessages)).toHaveLength(1);

    const { code, stdout } = await runNpmScript('start', ['--fresh'], { input: '/dm\n帮助\n', env: { CREDIT_DATA_DIR: dataDir } });
    expect(code).toBe(0);
    const backups = readdirSync(dataDir).filter((f) => /^db\.json\.\d{8}-\d{6}\.bak$/.test(f));
    expect(backups).toHaveLength(1);
    const backup = path.join(dataDir, backups[0]!);
    expect(stdout).toContain(`（已从空白数据开始：原数据已移到 ${backup}（各月历史在同名后缀的 history 目录），需要时可改回 ${db}）`);
    expect(existsSync(path.join(dataDir, `history.${backups[0]!.slice('db.json.'.length)}`))).toBe(true);
    expect(readFileSync(backup, 'utf8')).toBe(before);
    // The new store holds only this run's message.
    expect(Object.keys(JSON.parse(readFileSync(db, 'utf8')).seenMessages)).toHaveLength(1);
    expect(readFileSync(db, 'utf8')).not.toBe(before);

    const empty = tempDir();
    expect((await runNpmScript('start', ['--fresh'], { env: { CREDIT_DATA_DIR: empty } })).stdout).toContain(`（已从空白数据开始：${path.join(empty, 'db.json')} 原本不存在）`);
    expect(existsSync(path.join(empty, 'db.json'))).toBe(true);
  });

  it('refuses an argument it does not know, naming the one it does', async () => {
    const { code, stdout, stderr } = await runNpmScript('start', ['--frsh'], { env: { CREDIT_DATA_DIR: tempDir() } });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.replace(/npm (warn|error).*\n/g, '').trim()).toBe('不认识的参数 --frsh。可用：--fresh（从空白数据开始，原数据移到一旁备份）');
  });

  it('stops with one clear line when the configuration is wrong', async () => {
    const { code, stdout, stderr } = await runNpmScript('start', [], { env: { LOG_LEVEL: 'loud' } });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.replace(/npm (warn|error).*\n/g, '').trim()).toMatch(/^配置错误：环境变量 LOG_LEVEL="loud" 无效：.*$/);
  });

  it('stops with the file, line and field when org.yaml is malformed', async () => {
    const dir = tempDir();
    const org = path.join(dir, 'org.yaml');
    writeFileSync(org, readFileSync('data/org.yaml', 'utf8').replace('roles: [reporter]\n    identities:\n      lark: { open_id: ou_wang_fang', 'roles: [reportr]\n    identities:\n      lark: { open_id: ou_wang_fang'));
    const { code, stderr } = await runNpmScript('start', [], { env: { CREDIT_ORG_FILE: org, CREDIT_DATA_DIR: dir } });
    expect(code).toBe(1);
    expect(stderr).toMatch(/org\.yaml 第 \d+ 行，字段 people\[\d+\]\.roles\[0\]：无效选项/);
  });
});

const hasTmux = spawnSync('tmux', ['-V']).status === 0;

describe.skipIf(!hasTmux)('console channel (a terminal driven by tmux send-keys)', () => {
  it('shows a prompt with who and where, answers typed lines, and quits on Ctrl-D', async () => {
    const session = `credit-test-${process.pid}`;
    const dataDir = tempDir();
    const tmux = (...args: string[]) => spawnSync('tmux', args, { encoding: 'utf8' });
    const screen = () => tmux('capture-pane', '-t', session, '-p').stdout;
    const waitFor = async (pattern: RegExp) => {
      for (let i = 0; i < 100 && !pattern.test(screen()); i++) await new Promise((r) => setTimeout(r, 100));
      expect(screen()).toMatch(pattern);
    };
    tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '50', `CREDIT_DATA_DIR=${dataDir} npm run --silent start; echo EXITED=$?; sleep 5`);
    try {
      await waitFor(/王芳@群聊>\s*$/m);
      // 填报 in the group: the console follows the bot into the direct chat, where the form is.
      tmux('send-keys', '-t', session, '填报 双公示', 'Enter');
      await waitFor(/已切换到与信用助手的私聊[\s\S]*信用助手 → 私聊 王芳\n[\s\S]*（1\/\d+）本月作出的行政许可决定数[\s\S]*王芳@私聊>\s*$/m);
      tmux('send-keys', '-t', session, '取消', 'Enter');
      tmux('send-keys', '-t', session, '我是谁', 'Enter');
      await waitFor(/信用助手 → 私聊 王芳\n  【我是谁】\n  姓名：王芳（编号 wang-fang）[\s\S]*王芳@私聊>\s*$/m);
      tmux('send-keys', '-t', session, 'C-d');
      await waitFor(/EXITED=0/);
    } finally {
      tmux('kill-session', '-t', session);
    }
  });
});

describe('one bot per data directory', () => {
  it('stops a second process with a clear message while the first runs', async () => {
    const dataDir = tempDir();
    const first = spawn('npm', ['run', '--silent', 'start'], { env: { ...process.env, CREDIT_DATA_DIR: dataDir }, stdio: ['pipe', 'pipe', 'pipe'] });
    let banner = '';
    await new Promise<void>((resolve) => first.stdout.on('data', (d) => ((banner += String(d)), banner.includes('试试发送') && resolve())));
    const second = await runNpmScript('start', [], { env: { CREDIT_DATA_DIR: dataDir } });
    first.stdin.end();
    await new Promise((resolve) => first.on('close', resolve));
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`数据文件 ${path.join(dataDir, 'db.json')} 正被另一个机器人进程使用`);
    // Once the first has stopped, the lock is gone.
    expect((await runNpmScript('start', [], { env: { CREDIT_DATA_DIR: dataDir } })).code).toBe(0);
  });
});
