/**
 * Progress of a batch on stderr: on a terminal a bar redrawn in place (runs done, rate, ETA); when
 * stderr is not a terminal (logs, Slurm output files, CI) a plain line every `every` seconds.
 */
export interface ProgressOptions {
  total: number;
  /** Runs already done before this session (resume). */
  already?: number;
  label?: string;
  stream?: NodeJS.WriteStream;
  tty?: boolean;
  /** Seconds between plain lines when not on a terminal (default 10, or STARLING_PROGRESS_SECONDS). */
  every?: number;
  quiet?: boolean;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return h ? `${h}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}` : `${m}:${String(sec).padStart(2, '0')}`;
}

export class Progress {
  private done: number;
  private started = Date.now();
  private lastDraw = 0;
  private lastLine: number;
  private readonly stream: NodeJS.WriteStream;
  private readonly tty: boolean;
  private readonly every: number;
  private readonly sessionStart: number;
  private drawn = false;

  constructor(private readonly opts: ProgressOptions) {
    this.done = opts.already ?? 0;
    this.sessionStart = this.done;
    this.stream = opts.stream ?? process.stderr;
    this.tty = opts.tty ?? Boolean(this.stream.isTTY);
    const env = Number(process.env.STARLING_PROGRESS_SECONDS);
    this.every = opts.every ?? (Number.isFinite(env) && env > 0 ? env : 10);
    this.lastLine = this.started;
  }

  /** Runs per second in this session. */
  rate(): number {
    const secs = (Date.now() - this.started) / 1000;
    return secs > 0 ? (this.done - this.sessionStart) / secs : 0;
  }

  text(): string {
    const { total } = this.opts;
    const rate = this.rate();
    const left = total - this.done;
    const eta = rate > 0 ? formatDuration(left / rate) : '?';
    const pct = total ? Math.floor((100 * this.done) / total) : 100;
    return `${this.done}/${total} runs (${pct}%)  ${rate.toFixed(1)} runs/s  ETA ${eta}`;
  }

  private bar(): string {
    const width = Math.max(10, Math.min(30, (this.stream.columns ?? 80) - 60));
    const { total } = this.opts;
    const filled = total ? Math.round((width * this.done) / total) : width;
    return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
  }

  start(): void {
    this.started = Date.now();
    this.lastLine = this.started;
    if (this.opts.quiet) return;
    const { label, total } = this.opts;
    const already = this.opts.already ?? 0;
    if (!this.tty) this.stream.write(`${label ?? 'sweep'}: ${total - already} run${total - already === 1 ? '' : 's'} to do${already ? ` (${already} of ${total} already done)` : ''}\n`);
    else this.draw(true);
  }

  tick(n = 1): void {
    this.done += n;
    if (this.opts.quiet) return;
    const now = Date.now();
    if (this.tty) {
      if (now - this.lastDraw >= 100 || this.done === this.opts.total) this.draw();
    } else if (now - this.lastLine >= this.every * 1000) {
      this.lastLine = now;
      this.stream.write(`${this.opts.label ?? 'sweep'}: ${this.text()}\n`);
    }
  }

  private draw(force = false): void {
    const now = Date.now();
    if (!force && now - this.lastDraw < 100) return;
    this.lastDraw = now;
    this.drawn = true;
    this.stream.write(`\r\x1b[K${this.opts.label ?? 'sweep'} ${this.bar()} ${this.text()}`);
  }

  /** End the bar's line (on a terminal) and print a last line (`always`: even when quiet). */
  finish(message?: string, always = false): void {
    if (this.opts.quiet && !always) return;
    if (this.tty && this.drawn) {
      this.draw(true);
      this.stream.write('\n');
    }
    const secs = (Date.now() - this.started) / 1000;
    this.stream.write(`${this.opts.label ?? 'sweep'}: ${message ?? `${this.done - this.sessionStart} runs in ${formatDuration(secs)} (${this.rate().toFixed(2)} runs/s)`}\n`);
  }
}
