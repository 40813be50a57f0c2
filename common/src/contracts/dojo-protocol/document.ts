/**
 * The dojo document every client and the engine share (docs/protocol.md): one
 * Automerge document whose root holds `files`, a map from path to the file's
 * Automerge text. Paths are 1–`Limits.pathChars` characters without control
 * characters; nothing else lives in the document, and the engine refuses any
 * change that would put something else there.
 */
export interface DojoDoc {
  files: Record<string, string>;
}
