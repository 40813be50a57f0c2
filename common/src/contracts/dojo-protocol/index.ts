/**
 * The dojo wire protocol in one import: `@pocdojo/common/dojo-protocol/index`.
 * Message catalogue and payload schemas (messages.ts), error and close codes
 * (errors.ts), binary framing (encoding.ts), voice signalling (voice.ts). Specified in docs/protocol.md.
 */
export * from './encoding.ts';
export * from './errors.ts';
export * from './messages.ts';
export * from './voice.ts';
