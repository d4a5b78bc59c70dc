import type * as lark from '@larksuiteoapi/node-sdk';

/**
 * Where Feishu's events come from: the long connection (the default, no public address needed)
 * or HTTP callbacks to a webhook. Both hand every event to the channel's one EventDispatcher, so
 * the channel registers its handlers once whatever the mode.
 */
export interface LarkEventSource {
  /**
   * Starts delivering events to `dispatcher`; calls `onReady` once events can arrive. The promise
   * never resolves: it rejects when the source fails for good (bad credentials, port taken).
   */
  open(dispatcher: lark.EventDispatcher, onReady: () => void): Promise<never>;
  /** Stops receiving events; a closed source delivers nothing more. */
  close(): Promise<void>;
}
