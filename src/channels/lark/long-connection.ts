import * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from '../../logger';
import type { LarkEventSource } from './event-source';

/**
 * Seconds without any frame from Feishu before the socket counts as half-dead and is reconnected.
 * Feishu pings every 120 s (its ClientConfig), so this leaves room for one late pong.
 */
const PING_TIMEOUT_SECONDS = 300;

/**
 * The open long connection of each app in this process. Feishu spreads an app's events over all
 * its connections, so a second one (a restart that did not close the first) would take half of
 * them away from the live one.
 */
const openClients = new Map<string, lark.WSClient>();

export interface LongConnectionOptions {
  appId: string;
  appSecret: string;
  domain: string | lark.Domain;
  sdkLogger: lark.Logger;
  log: Logger;
}

/** Events over the SDK's long connection (WSClient): one per app, reconnecting by itself. */
export class LongConnection implements LarkEventSource {
  readonly #options: LongConnectionOptions;
  #client: lark.WSClient | undefined;

  constructor(options: LongConnectionOptions) {
    this.#options = options;
  }

  open(dispatcher: lark.EventDispatcher, onReady: () => void): Promise<never> {
    const { appId, appSecret, domain, sdkLogger, log } = this.#options;
    return new Promise<never>((_, reject) => {
      openClients.get(appId)?.close({ force: true });
      const client = new lark.WSClient({
        appId,
        appSecret,
        domain,
        logger: sdkLogger,
        wsConfig: { pingTimeout: PING_TIMEOUT_SECONDS },
        onReady: () => {
          log.info('lark: long connection ready');
          onReady();
        },
        onReconnecting: () => log.warn('lark: long connection lost, reconnecting'),
        onReconnected: () => log.info('lark: long connection reconnected'),
        onError: (error) => reject(new Error(`lark long connection failed: ${error.message}`, { cause: error })),
      });
      this.#client = client;
      openClients.set(appId, client);
      void client.start({ eventDispatcher: dispatcher });
    });
  }

  async close(): Promise<void> {
    const client = this.#client;
    if (!client) return;
    client.close({ force: true });
    if (openClients.get(this.#options.appId) === client) openClients.delete(this.#options.appId);
    this.#client = undefined;
  }
}
