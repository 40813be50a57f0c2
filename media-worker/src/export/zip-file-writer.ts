import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { strToU8, Zip, ZipDeflate, ZipPassThrough } from 'fflate';

/**
 * Writes a zip archive to a file entry by entry, with fflate's streaming Zip:
 * texts are deflated, streamed files (attachments, already compressed more
 * often than not) are stored as they come, chunk by chunk, so no entry and
 * never the archive is held whole in memory. The file stream's backpressure
 * is honoured between chunks.
 */
export class ZipFileWriter {
  readonly #out: WriteStream;
  readonly #zip: Zip;
  #error: Error | null = null;
  #bytes = 0;

  constructor(path: string) {
    this.#out = createWriteStream(path);
    this.#out.on('error', (error) => {
      this.#error ??= error;
    });
    this.#zip = new Zip((error, chunk, final) => {
      if (error) {
        this.#error ??= error;
        return;
      }
      this.#bytes += chunk.byteLength;
      this.#out.write(chunk);
      if (final) this.#out.end();
    });
  }

  /** Adds a UTF-8 text file, deflated. */
  async addText(name: string, text: string): Promise<void> {
    const entry = new ZipDeflate(name, { level: 6 });
    this.#zip.add(entry);
    entry.push(strToU8(text), true);
    await this.#settle();
  }

  /** Adds a file from a stream of chunks, stored as is; returns its size. */
  async addStream(name: string, chunks: AsyncIterable<Uint8Array>, signal?: AbortSignal): Promise<number> {
    const entry = new ZipPassThrough(name);
    this.#zip.add(entry);
    let size = 0;
    for await (const chunk of chunks) {
      signal?.throwIfAborted();
      size += chunk.byteLength;
      entry.push(chunk, false);
      await this.#settle();
    }
    entry.push(new Uint8Array(0), true);
    await this.#settle();
    return size;
  }

  /** Writes the central directory and closes the file; returns the archive's size in bytes. */
  async finish(): Promise<number> {
    this.#zip.end();
    await finished(this.#out);
    this.#throwIfFailed();
    return this.#bytes;
  }

  /** Closes the file after a failure (the caller deletes it). */
  destroy(): void {
    this.#zip.terminate();
    this.#out.destroy();
  }

  async #settle(): Promise<void> {
    this.#throwIfFailed();
    if (this.#out.writableNeedDrain) await once(this.#out, 'drain');
    this.#throwIfFailed();
  }

  #throwIfFailed(): void {
    if (this.#error) throw this.#error;
  }
}
