import { describe, expect, it } from 'vitest';
import { KeyedQueue } from '../../src/core/keyed-queue';

describe('KeyedQueue', () => {
  it('keeps running a key after a task fails', async () => {
    const queue = new KeyedQueue();
    await expect(queue.run('a', async () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    await expect(queue.run('a', async () => 'next')).resolves.toBe('next');
  });

  it('is idle only once every task queued so far has finished, on every key', async () => {
    const queue = new KeyedQueue();
    const done: string[] = [];
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    void queue.run('a', async () => {
      await slow;
      done.push('a');
    });
    void queue.run('b', async () => void done.push('b'));
    const idle = queue.idle().then(() => done.push('idle'));

    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(done).toEqual(['b']);
    release();
    await idle;
    expect(done).toEqual(['b', 'a', 'idle']);
  });
});
