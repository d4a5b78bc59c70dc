/**
 * An error that stops the bot before it starts serving: bad configuration, a malformed data
 * file, an unreadable store. Its message is one line for the operator (in Chinese), naming the
 * variable or the file and field; `main` prints it without a stack trace.
 */
export class StartupError extends Error {
  override name = 'StartupError';
}
