/**
 * What the WebAssembly passes (wasmPairs.ts, wasmRing.ts) share: compiling a committed module from
 * base64, and one memory per thread and module that only grows, with arrays laid out on 64-byte lines.
 */
const PAGE = 65536;

/** The compiled module, or null where WebAssembly (or an instruction it uses) is unavailable or forbidden. */
export function compileModule(base64: string): WebAssembly.Module | null {
  try {
    if (typeof WebAssembly !== 'object' || typeof atob !== 'function') return null;
    const text = atob(base64);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  } catch {
    return null; // a policy that forbids compiling WebAssembly: the JavaScript version runs instead
  }
}

/** Byte offsets for arrays placed one after another, each on a 64-byte line. */
export class LineLayout {
  end = 0;
  take(bytes: number): number {
    const at = this.end;
    this.end += Math.ceil(bytes / 64) * 64;
    return at;
  }
}

/** One module's instance and its memory on this thread, grown on demand (never shrunk). */
export class ThreadMemory<E> {
  private memory: WebAssembly.Memory | null = null;
  exports: E | null = null;

  /**
   * `sharedMaxPages`: a memory other threads can use too (SharedArrayBuffer), with that maximum, for a
   * module built to import a shared memory of the same maximum.
   */
  constructor(private readonly module: () => WebAssembly.Module | null, private readonly name: string, private readonly sharedMaxPages = 0) {}

  /** The memory's buffer, at least `bytes` long (instantiating the module on first use). */
  ensure(bytes: number): ArrayBuffer {
    if (!this.memory) {
      const pages = Math.ceil(bytes / PAGE);
      const memory = this.sharedMaxPages ? new WebAssembly.Memory({ initial: pages, maximum: this.sharedMaxPages, shared: true }) : new WebAssembly.Memory({ initial: pages });
      this.adopt(memory);
      return memory.buffer as ArrayBuffer;
    }
    if (this.memory.buffer.byteLength < bytes) {
      this.memory.grow(Math.ceil((bytes - this.memory.buffer.byteLength) / PAGE));
    }
    return this.memory.buffer as ArrayBuffer;
  }

  /** Instantiate the module on an existing memory (a helper thread on the memory another thread made). */
  adopt(memory: WebAssembly.Memory): void {
    const instance = new WebAssembly.Instance(this.module()!, { env: { memory, abort: () => { throw new Error(`${this.name} aborted`); } } });
    this.memory = memory;
    this.exports = instance.exports as E;
  }

  /** The memory itself (to hand to helper threads), or null before first use. */
  get handle(): WebAssembly.Memory | null {
    return this.memory;
  }

  /** The current buffer (views onto an older one are detached after a grow), or null before first use. */
  get buffer(): ArrayBuffer | null {
    return this.memory ? (this.memory.buffer as ArrayBuffer) : null;
  }

  get bytes(): number {
    return this.memory ? this.memory.buffer.byteLength : 0;
  }
}
