/**
 * A compact set of feed values for delta merge: each value is kept as 64 bits (from the sha256 value hash
 * it already has, mixed with its type) in an open-addressing table over a typed array, about 16 bytes per
 * value instead of ~150 for a Set of strings, so a million-row feed costs ~16 MB. Two different values
 * share a key with a probability of ~n²/2⁶⁵ (1e-8 for a million values); the cost of such a collision is
 * that a removed value is not soft-deleted.
 */
export class ValueSet {
  private table = new Uint32Array(2 * 1024);
  private count = 0;

  get size(): number {
    return this.count;
  }

  private static key(type: string, hash: string): [number, number] {
    let t = 0x811c9dc5;
    for (let i = 0; i < type.length; i++) t = Math.imul(t ^ type.charCodeAt(i), 0x01000193);
    const hi = (parseInt(hash.slice(0, 8), 16) ^ t) >>> 0;
    const lo = parseInt(hash.slice(8, 16), 16) >>> 0;
    // 0/0 marks an empty slot.
    return hi === 0 && lo === 0 ? [0, 1] : [hi, lo];
  }

  private slot(table: Uint32Array, hi: number, lo: number): number {
    const slots = table.length / 2;
    let i = (Math.imul(hi ^ lo, 0x9e3779b1) >>> 0) & (slots - 1);
    for (;;) {
      const h = table[2 * i];
      const l = table[2 * i + 1];
      if ((h === 0 && l === 0) || (h === hi && l === lo)) return i;
      i = (i + 1) & (slots - 1);
    }
  }

  /** Adds the value; false when it was there already. */
  add(type: string, hash: string): boolean {
    const [hi, lo] = ValueSet.key(type, hash);
    const i = this.slot(this.table, hi, lo);
    if (this.table[2 * i] !== 0 || this.table[2 * i + 1] !== 0) return false;
    this.table[2 * i] = hi;
    this.table[2 * i + 1] = lo;
    if (++this.count * 2 > this.table.length / 2) this.grow();
    return true;
  }

  has(type: string, hash: string): boolean {
    const [hi, lo] = ValueSet.key(type, hash);
    const i = this.slot(this.table, hi, lo);
    return this.table[2 * i] !== 0 || this.table[2 * i + 1] !== 0;
  }

  private grow(): void {
    const old = this.table;
    const table = new Uint32Array(old.length * 2);
    for (let i = 0; i < old.length; i += 2) {
      if (old[i] === 0 && old[i + 1] === 0) continue;
      const j = this.slot(table, old[i], old[i + 1]);
      table[2 * j] = old[i];
      table[2 * j + 1] = old[i + 1];
    }
    this.table = table;
  }
}
