/** A rendered output, ready to upload. */
export interface RenderedFile {
  body: Uint8Array;
  contentType: string;
  /** File extension used in the object key. */
  extension: string;
  /** A video's length (billing counts video minutes); absent for reports. */
  durationSeconds?: number;
}
