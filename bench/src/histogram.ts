/**
 * Latency histogram that merges across processes: 0.05 ms buckets below 100 ms, 1 ms buckets
 * up to 10 s, 10 ms buckets up to 120 s, one overflow bucket. Percentiles are exact to the
 * bucket width.
 */
const FINE = 2000; // 0..100 ms in 0.05 ms
const COARSE = 9900; // 100..10 000 ms in 1 ms
const SLOW = 11_000; // 10 s..120 s in 10 ms
const SIZE = FINE + COARSE + SLOW + 1;

export class Histogram {
  readonly counts = new Float64Array(SIZE);
  count = 0;
  max = 0;

  record(ms: number): void {
    const v = ms < 0 ? 0 : ms;
    const bucket =
      v < 100
        ? Math.floor(v * 20)
        : v < 10_000
          ? FINE + Math.floor(v - 100)
          : v < 120_000
            ? FINE + COARSE + Math.floor((v - 10_000) / 10)
            : SIZE - 1;
    this.counts[bucket] = (this.counts[bucket] ?? 0) + 1;
    this.count += 1;
    if (v > this.max) this.max = v;
  }

  percentile(p: number): number {
    if (this.count === 0) return 0;
    const target = Math.ceil((p / 100) * this.count);
    let seen = 0;
    for (let i = 0; i < SIZE; i += 1) {
      seen += this.counts[i] ?? 0;
      if (seen >= target)
        return i < FINE
          ? (i + 1) / 20
          : i < FINE + COARSE
            ? 100 + (i - FINE) + 1
            : i < SIZE - 1
              ? 10_000 + (i - FINE - COARSE + 1) * 10
              : this.max;
    }
    return this.max;
  }

  toJSON(): SerializedHistogram {
    const sparse: [number, number][] = [];
    this.counts.forEach((c, i) => {
      if (c) sparse.push([i, c]);
    });
    return { sparse, count: this.count, max: this.max };
  }

  static merge(parts: SerializedHistogram[]): Histogram {
    const h = new Histogram();
    for (const part of parts) {
      for (const [i, c] of part.sparse) h.counts[i] = (h.counts[i] ?? 0) + c;
      h.count += part.count;
      h.max = Math.max(h.max, part.max);
    }
    return h;
  }

  summary(): LatencySummary {
    const r = (n: number) => Math.round(n * 100) / 100;
    return {
      count: this.count,
      p50: r(this.percentile(50)),
      p95: r(this.percentile(95)),
      p99: r(this.percentile(99)),
      max: r(this.max),
    };
  }
}

export interface SerializedHistogram {
  sparse: [number, number][];
  count: number;
  max: number;
}

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}
