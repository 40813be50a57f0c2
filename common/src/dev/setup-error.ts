/**
 * A problem with the local machine that the person running `npm start` or
 * `npm test` can fix (a busy port, a folder the Postgres user cannot enter):
 * the scripts print its message alone, as one line, without a stack.
 */
export class SetupError extends Error {
  override name = 'SetupError';
}
