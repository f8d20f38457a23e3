/**
 * Event queue for the hierarchical mode: a binary min-heap keyed by (time, insertion sequence).
 *
 * Why this shape:
 *  - The sequence number breaks ties between equal times in insertion (FIFO) order, so a run is
 *    reproducible bit for bit whatever the heap's internal layout is.
 *  - Events live in parallel typed arrays (structure of arrays) instead of one object per event:
 *    push/pop never allocate in steady state, which keeps long runs free of GC pauses. The arrays
 *    grow by doubling only when full.
 *  - pop() copies the popped event into the public fields (time, kind, a, b, c, d) instead of
 *    returning an object, for the same reason. Read them before the next pop().
 *
 * Platform-free: no Node or DOM APIs.
 */
export class EventQueue {
  /** Fields of the event loaded by the last successful pop(). */
  time = 0;
  kind = 0;
  a = 0;
  b = 0;
  c = 0;
  d = 0;

  private times: Float64Array;
  /** Float64 so the sequence never wraps (exact up to 2^53 pushes). */
  private seqs: Float64Array;
  private kinds: Int32Array;
  private as: Int32Array;
  private bs: Int32Array;
  private cs: Int32Array;
  private ds: Int32Array;
  private count = 0;
  private nextSeq = 0;

  constructor(initialCapacity = 64) {
    const cap = Math.max(1, Math.floor(initialCapacity));
    this.times = new Float64Array(cap);
    this.seqs = new Float64Array(cap);
    this.kinds = new Int32Array(cap);
    this.as = new Int32Array(cap);
    this.bs = new Int32Array(cap);
    this.cs = new Int32Array(cap);
    this.ds = new Int32Array(cap);
  }

  /** Number of pending events. */
  get size(): number {
    return this.count;
  }

  /** Allocated slots (grows by doubling); exposed for tests of the growth policy. */
  get capacity(): number {
    return this.times.length;
  }

  /** Add an event. Ties in time pop in insertion order. */
  push(time: number, kind: number, a = 0, b = 0, c = 0, d = 0): void {
    if (Number.isNaN(time)) throw new Error('EventQueue.push: time is NaN');
    if (this.count === this.times.length) this.grow();
    const seq = this.nextSeq++;
    // Sift up with a hole: move parents down until the new event's slot is found, then write once.
    let i = this.count++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = this.times[p];
      if (pt < time || (pt === time && this.seqs[p] < seq)) break;
      this.move(p, i);
      i = p;
    }
    this.write(i, time, seq, kind, a, b, c, d);
  }

  /** Payload `a` of the earliest pending event (size > 0), e.g. to drop cancelled events. */
  peekA(): number {
    return this.as[0];
  }

  /** Time of the earliest pending event, Infinity when empty. */
  peekTime(): number {
    return this.count > 0 ? this.times[0] : Infinity;
  }

  /** Removes the earliest event into the public fields; false (fields untouched) when empty. */
  pop(): boolean {
    if (this.count === 0) return false;
    this.time = this.times[0];
    this.kind = this.kinds[0];
    this.a = this.as[0];
    this.b = this.bs[0];
    this.c = this.cs[0];
    this.d = this.ds[0];
    const last = --this.count;
    if (last === 0) return true;
    // Sift the last event down from the root with a hole.
    const t = this.times[last];
    const s = this.seqs[last];
    const k = this.kinds[last];
    const ea = this.as[last];
    const eb = this.bs[last];
    const ec = this.cs[last];
    const ed = this.ds[last];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= last) break;
      const right = child + 1;
      if (right < last && this.before(right, child)) child = right;
      const ct = this.times[child];
      if (t < ct || (t === ct && s < this.seqs[child])) break;
      this.move(child, i);
      i = child;
    }
    this.write(i, t, s, k, ea, eb, ec, ed);
    return true;
  }

  /** Drops all events and restarts the tie-break sequence; keeps the allocated capacity. */
  clear(): void {
    this.count = 0;
    this.nextSeq = 0;
  }

  private before(i: number, j: number): boolean {
    const ti = this.times[i];
    const tj = this.times[j];
    return ti < tj || (ti === tj && this.seqs[i] < this.seqs[j]);
  }

  private move(from: number, to: number): void {
    this.times[to] = this.times[from];
    this.seqs[to] = this.seqs[from];
    this.kinds[to] = this.kinds[from];
    this.as[to] = this.as[from];
    this.bs[to] = this.bs[from];
    this.cs[to] = this.cs[from];
    this.ds[to] = this.ds[from];
  }

  private write(i: number, t: number, s: number, k: number, a: number, b: number, c: number, d: number): void {
    this.times[i] = t;
    this.seqs[i] = s;
    this.kinds[i] = k;
    this.as[i] = a;
    this.bs[i] = b;
    this.cs[i] = c;
    this.ds[i] = d;
  }

  private grow(): void {
    const cap = this.times.length * 2;
    const t = new Float64Array(cap); t.set(this.times); this.times = t;
    const s = new Float64Array(cap); s.set(this.seqs); this.seqs = s;
    const k = new Int32Array(cap); k.set(this.kinds); this.kinds = k;
    const a = new Int32Array(cap); a.set(this.as); this.as = a;
    const b = new Int32Array(cap); b.set(this.bs); this.bs = b;
    const c = new Int32Array(cap); c.set(this.cs); this.cs = c;
    const d = new Int32Array(cap); d.set(this.ds); this.ds = d;
  }
}
