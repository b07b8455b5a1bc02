// An HTTP/1.x response read from raw bytes, as leniently as browsers read one: Node's
// parser refuses answers browsers judge (a NUL byte in a header value, which a browser
// turns into a network error rather than "cannot reach"), so `corsa check` reads the
// bytes itself. Only what the report needs: status, header lines in order, the first
// bytes of the body.

/** The most header bytes read before giving up (browsers stop near 256 KiB too). */
const MAX_HEAD_BYTES = 256 * 1024;

export interface ParsedResponse {
  readonly status: number;
  /** Every header line, [name as spelled on the wire, value with surrounding spaces and tabs removed]. */
  readonly lines: readonly (readonly [string, string])[];
  /** The body's first bytes, decoded as UTF-8, at most `previewChars` characters. */
  readonly bodyStart: string;
}

/** An answer that is not HTTP at all (browsers fail it as a network error too, before any CORS check). */
export class NotHttpError extends Error {
  override readonly name = 'NotHttpError';
}

type Framing = { kind: 'none' } | { kind: 'length'; remaining: number } | { kind: 'chunked' } | { kind: 'close' };

/**
 * Feed it the bytes as they arrive (`push`), then `end()` when the connection closes.
 * `push` returns the response once the status, the headers and enough of the body are in.
 */
export class ResponseReader {
  private buffer: Buffer = Buffer.alloc(0);
  private head: { status: number; lines: [string, string][] } | undefined;
  private framing: Framing = { kind: 'close' };
  private readonly body: Buffer[] = [];
  private bodyBytes = 0;
  private done = false;

  /** `method`: the request's (a HEAD answer has no body); `previewChars`: how much body the report shows. */
  constructor(
    private readonly method: string,
    private readonly previewChars: number,
  ) {}

  push(chunk: Buffer): ParsedResponse | undefined {
    if (this.done) return undefined;
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    while (this.head === undefined) {
      const end = headEnd(this.buffer);
      if (end === undefined) {
        if (this.buffer.length > MAX_HEAD_BYTES) throw new NotHttpError(`the response headers exceed ${MAX_HEAD_BYTES} bytes`);
        return undefined;
      }
      const head = parseHead(this.buffer.subarray(0, end.at).toString('latin1'));
      this.buffer = this.buffer.subarray(end.at + end.length);
      // 1xx answers (100 Continue, 103 Early Hints) are interim: the real one follows.
      if (head.status >= 100 && head.status < 200 && head.status !== 101) continue;
      this.head = head;
      this.framing = framingOf(this.method, head.status, head.lines);
    }
    return this.readBody();
  }

  /** The connection closed: the response as far as it came, or undefined when no status line did. */
  end(): ParsedResponse | undefined {
    if (this.done || this.head === undefined) return undefined;
    return this.finish();
  }

  private readBody(): ParsedResponse | undefined {
    const framing = this.framing;
    if (framing.kind === 'none') return this.finish();
    if (framing.kind === 'chunked') return this.readChunks();
    const take = framing.kind === 'length' ? this.buffer.subarray(0, framing.remaining) : this.buffer;
    this.keep(take);
    this.buffer = this.buffer.subarray(take.length);
    if (framing.kind === 'length') framing.remaining -= take.length;
    if ((framing.kind === 'length' && framing.remaining === 0) || this.previewFull()) return this.finish();
    return undefined;
  }

  /** Chunked transfer coding, decoded as the bytes arrive. */
  private readChunks(): ParsedResponse | undefined {
    for (;;) {
      if (this.chunkLeft > 0) {
        const take = this.buffer.subarray(0, this.chunkLeft);
        this.keep(take);
        this.buffer = this.buffer.subarray(take.length);
        this.chunkLeft -= take.length;
        if (this.previewFull()) return this.finish();
        if (this.chunkLeft > 0) return undefined;
        this.chunkDataEnded = true;
      }
      const lineEnd = this.buffer.indexOf(0x0a);
      if (lineEnd < 0) return undefined;
      const line = this.buffer.subarray(0, lineEnd).toString('latin1').trim();
      this.buffer = this.buffer.subarray(lineEnd + 1);
      if (this.chunkDataEnded) {
        // the CRLF after a chunk's data
        this.chunkDataEnded = false;
        if (line === '') continue;
        throw new NotHttpError('the chunked body has a chunk longer than its size');
      }
      const size = /^[0-9a-fA-F]+/.exec(line)?.[0];
      if (size === undefined) throw new NotHttpError('the chunked body has a malformed chunk size');
      this.chunkLeft = Number.parseInt(size, 16);
      if (this.chunkLeft === 0) return this.finish();
    }
  }

  /** Data bytes left in the current chunk. */
  private chunkLeft = 0;
  /** A chunk's data has been read; its CRLF comes next. */
  private chunkDataEnded = false;

  private keep(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.body.push(bytes);
    this.bodyBytes += bytes.length;
  }

  /** Four bytes per character at most: that many bytes always hold the preview. */
  private previewFull(): boolean {
    return this.bodyBytes >= this.previewChars * 4;
  }

  private finish(): ParsedResponse {
    this.done = true;
    const head = this.head as { status: number; lines: [string, string][] };
    const text = Buffer.concat(this.body).toString('utf8');
    return { status: head.status, lines: head.lines, bodyStart: [...text].slice(0, this.previewChars).join('') };
  }
}

/** Where the header block ends: CRLF CRLF, or bare LF LF as browsers also accept. */
function headEnd(buffer: Buffer): { at: number; length: number } | undefined {
  for (let i = 0; i < buffer.length - 1; i++) {
    if (buffer[i] !== 0x0a) continue;
    if (buffer[i + 1] === 0x0a) return { at: i, length: 2 };
    if (buffer[i + 1] === 0x0d && buffer[i + 2] === 0x0a) return { at: i, length: 3 };
  }
  return undefined;
}

function parseHead(text: string): { status: number; lines: [string, string][] } {
  const [statusLine = '', ...rest] = text.split(/\r?\n/);
  const status = /^HTTP\/\d(?:\.\d)? +(\d{3})(?: |$)/.exec(statusLine)?.[1];
  if (status === undefined) throw new NotHttpError(`the answer does not start with an HTTP/1.x status line (${JSON.stringify(statusLine.slice(0, 40))})`);
  const lines: [string, string][] = [];
  for (const line of rest) {
    const last = lines.at(-1);
    // obs-fold: a line that starts with a space or tab continues the previous value.
    if (/^[ \t]/.test(line) && last) {
      last[1] = `${last[1]} ${trimOws(line)}`.trim();
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue; // not a header line: browsers skip it
    lines.push([line.slice(0, colon).trim(), trimOws(line.slice(colon + 1))]);
  }
  return { status: Number(status), lines };
}

const trimOws = (value: string) => value.replace(/^[ \t]+|[ \t]+$/g, '');

function framingOf(method: string, status: number, lines: readonly (readonly [string, string])[]): Framing {
  if (method === 'HEAD' || status === 204 || status === 304) return { kind: 'none' };
  const value = (name: string) => lines.find(([header]) => header.toLowerCase() === name)?.[1];
  if (/(^|,)\s*chunked\s*$/i.test(value('transfer-encoding') ?? '')) return { kind: 'chunked' };
  const length = value('content-length');
  if (length !== undefined && /^\d+$/.test(length)) return Number(length) === 0 ? { kind: 'none' } : { kind: 'length', remaining: Number(length) };
  return { kind: 'close' };
}
