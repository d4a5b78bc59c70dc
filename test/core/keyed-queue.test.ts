import { describe, expect, it } from 'vitest';
import { KeyedQueue } from '../../src/core/keyed-queue';

describe('KeyedQueue', () => {
  it('keeps running a key after a task fails', async () => {
    const queue = new KeyedQueue();
    await expect(queue.run('a', async () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    await expect(queue.run('a', async () => 'next')).resolves.toBe('next');
  });
});
