/**
 * A token bucket per connection: `burst` messages at once, refilled at `perSecond`. A message over the
 * limit is dropped (the sender's problem, nobody else's). The clock is passed in (server time, not
 * the engine's), so tests drive it.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(private readonly perSecond: number, private readonly burst: number, now: number) {
    this.tokens = burst;
    this.last = now;
  }

  take(now: number): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** Failed joins (wrong room codes) per address: after `limit` in a minute, joins from it are refused. */
export class JoinGuard {
  private readonly fails = new Map<string, number[]>();

  constructor(private readonly limit = 10, private readonly windowMs = 60_000) {}

  blocked(address: string, now: number): boolean {
    const list = (this.fails.get(address) ?? []).filter((t) => now - t < this.windowMs);
    this.fails.set(address, list);
    return list.length >= this.limit;
  }

  failed(address: string, now: number): void {
    const list = this.fails.get(address) ?? [];
    list.push(now);
    this.fails.set(address, list);
  }
}
