/**
 * Reads the frame headers of a client's WebSocket byte stream (RFC 6455 §5.2) alongside ws, to refuse a
 * message on its announced length, before its payload arrives: a socket that has not authenticated yet
 * may send only small messages (the server-wide `maxPayload` of ws is the authenticated cap). It looks at
 * headers only; the payload bytes are skipped, never kept. A message's length is the sum of its frames'
 * (a fragmented message counts as a whole, as ws counts it); control frames (ping, pong, close) are
 * not part of a message.
 */
export class FrameLengthGuard {
  /** Header bytes of the frame being read (at most 14: 2 + 8 extended length + 4 mask). */
  private readonly header = Buffer.alloc(14);
  private headerBytes = 0;
  /** Payload bytes of the current frame still to skip. */
  private payloadLeft = 0;
  /** Payload bytes of the current data message so far (over its frames). */
  private messageBytes = 0;

  constructor(private readonly maxMessageBytes: number) {}

  /** Reads the next chunk of the stream; false once a message announces more than the cap. */
  feed(chunk: Buffer): boolean {
    let at = 0;
    while (at < chunk.length) {
      if (this.payloadLeft > 0) {
        const n = Math.min(this.payloadLeft, chunk.length - at);
        this.payloadLeft -= n;
        at += n;
        continue;
      }
      this.header[this.headerBytes++] = chunk[at++];
      const needed = this.headerLength();
      if (needed === null || this.headerBytes < needed) continue;
      if (!this.frameHeaderRead()) return false;
    }
    return true;
  }

  /** The full header length once its first two bytes are in (null before). */
  private headerLength(): number | null {
    if (this.headerBytes < 2) return null;
    const len7 = this.header[1] & 0x7f;
    return 2 + (len7 === 126 ? 2 : len7 === 127 ? 8 : 0) + (this.header[1] & 0x80 ? 4 : 0);
  }

  private frameHeaderRead(): boolean {
    const fin = (this.header[0] & 0x80) !== 0;
    const opcode = this.header[0] & 0x0f;
    const len7 = this.header[1] & 0x7f;
    const length =
      len7 === 126 ? this.header.readUInt16BE(2) : len7 === 127 ? Number(this.header.readBigUInt64BE(2)) : len7;
    this.headerBytes = 0;
    this.payloadLeft = length;
    if (opcode >= 0x8) return true; // control frame (ws caps those at 125 bytes itself)
    this.messageBytes += length;
    if (this.messageBytes > this.maxMessageBytes) return false;
    if (fin) this.messageBytes = 0;
    return true;
  }
}
