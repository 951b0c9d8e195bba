import type { Writable } from 'node:stream';
import zlib from 'node:zlib';

/**
 * A streaming ZIP writer (deflate, data descriptors, UTF-8 names, no ZIP64: entries and archive under
 * 4 GB): the container of the .xlsx files (xlsxStream.ts) and of the copy of a person's data.
 */

/** MS-DOS date and time of a Date, for the ZIP headers. */
function dosDateTime(d: Date): { date: number; time: number } {
  return {
    date: ((d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
  };
}

interface ZipEntry {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

/** An open entry: text is buffered and compressed in large pieces; bytes go straight in. */
export interface ZipEntrySink {
  /** Buffers the text; returns a promise only when the buffer is flushed (then await it). */
  add: (text: string) => Promise<void> | null;
  addBytes: (bytes: Uint8Array) => Promise<void>;
  close: () => Promise<void>;
}

export class ZipWriter {
  private offset = 0;
  private readonly entries: ZipEntry[] = [];
  private readonly stamp = dosDateTime(new Date());

  constructor(private readonly out: Writable) {}

  async write(chunk: Buffer): Promise<void> {
    this.offset += chunk.length;
    if (!this.out.write(chunk)) await new Promise<void>((resolve) => this.out.once('drain', () => resolve()));
  }

  private localHeader(name: Buffer): Buffer {
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4); // version needed
    h.writeUInt16LE(0x0808, 6); // data descriptor follows, UTF-8 names
    h.writeUInt16LE(8, 8); // deflate
    h.writeUInt16LE(this.stamp.time, 10);
    h.writeUInt16LE(this.stamp.date, 12);
    // crc and sizes (14..25) are in the data descriptor
    h.writeUInt16LE(name.length, 26);
    h.writeUInt16LE(0, 28);
    return Buffer.concat([h, name]);
  }

  /** Starts an entry; returns a sink to write its (uncompressed) content to, and a close function. */
  async open(fileName: string): Promise<ZipEntrySink> {
    const name = Buffer.from(fileName, 'utf8');
    const entry: ZipEntry = { name, crc: 0, compressed: 0, size: 0, offset: this.offset };
    await this.write(this.localHeader(name));
    const deflate = zlib.createDeflateRaw({ level: 1 });
    const pending: Buffer[] = [];
    deflate.on('data', (chunk: Buffer) => pending.push(chunk));
    const flushOut = async () => {
      while (pending.length > 0) {
        const chunk = pending.shift() as Buffer;
        entry.compressed += chunk.length;
        await this.write(chunk);
      }
    };
    const compress = async (data: Uint8Array) => {
      entry.crc = zlib.crc32(data, entry.crc);
      entry.size += data.length;
      if (!deflate.write(data)) await new Promise<void>((resolve) => deflate.once('drain', () => resolve()));
      await flushOut();
    };
    let buffered: string[] = [];
    let bufferedLength = 0;
    const push = async () => {
      if (bufferedLength === 0) return;
      const data = Buffer.from(buffered.join(''), 'utf8');
      buffered = [];
      bufferedLength = 0;
      await compress(data);
    };
    return {
      add: (text: string) => {
        buffered.push(text);
        bufferedLength += text.length;
        return bufferedLength >= 1 << 18 ? push() : null;
      },
      addBytes: async (bytes: Uint8Array) => {
        await push();
        await compress(bytes);
      },
      close: async () => {
        await push();
        await new Promise<void>((resolve, reject) => {
          deflate.once('end', () => resolve());
          deflate.once('error', reject);
          deflate.end();
        });
        await flushOut();
        if (entry.size > 0xffffffff || this.offset > 0xffffffff) throw new Error('File troppo grande (oltre 4 GB)');
        const d = Buffer.alloc(16);
        d.writeUInt32LE(0x08074b50, 0);
        d.writeUInt32LE(entry.crc >>> 0, 4);
        d.writeUInt32LE(entry.compressed, 8);
        d.writeUInt32LE(entry.size, 12);
        await this.write(d);
        this.entries.push(entry);
      },
    };
  }

  /** A whole entry at once: text (written as UTF-8) or bytes. */
  async file(fileName: string, content: string | Uint8Array): Promise<void> {
    const entry = await this.open(fileName);
    if (typeof content === 'string') await entry.add(content);
    else await entry.addBytes(content);
    await entry.close();
  }

  async finish(): Promise<void> {
    const start = this.offset;
    for (const e of this.entries) {
      const h = Buffer.alloc(46);
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt16LE(20, 4);
      h.writeUInt16LE(20, 6);
      h.writeUInt16LE(0x0808, 8);
      h.writeUInt16LE(8, 10);
      h.writeUInt16LE(this.stamp.time, 12);
      h.writeUInt16LE(this.stamp.date, 14);
      h.writeUInt32LE(e.crc >>> 0, 16);
      h.writeUInt32LE(e.compressed, 20);
      h.writeUInt32LE(e.size, 24);
      h.writeUInt16LE(e.name.length, 28);
      // extra, comment, disk, internal and external attributes: 0
      h.writeUInt32LE(e.offset, 42);
      await this.write(Buffer.concat([h, e.name]));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    await this.write(end);
  }
}
