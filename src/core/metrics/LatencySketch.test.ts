import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketOf, LatencySketch, RELATIVE_ACCURACY } from './LatencySketch.js';

function exactQuantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(q * (sorted.length - 1))]!;
}

describe('LatencySketch', () => {
  it('answers quantiles within the relative accuracy', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 500 }),
        fc.constantFrom(0, 0.5, 0.9, 0.99, 1),
        (values, q) => {
          const sketch = new LatencySketch();
          for (const v of values) sketch.add(v);
          const exact = exactQuantile(values, q);
          const approx = sketch.quantile(q)!;
          expect(Math.abs(approx - exact)).toBeLessThanOrEqual(exact * RELATIVE_ACCURACY * 1.0001);
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });

  it('merging sketches equals one sketch over all values', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e5, noNaN: true })),
        fc.array(fc.double({ min: 0, max: 1e5, noNaN: true })),
        (a, b) => {
          const left = new LatencySketch();
          const right = new LatencySketch();
          const all = new LatencySketch();
          for (const v of a) {
            left.add(v);
            all.add(v);
          }
          for (const v of b) {
            right.add(v);
            all.add(v);
          }
          left.merge(right);
          expect(left.buckets).toEqual(all.buckets);
          expect(left.count).toBe(a.length + b.length);
        },
      ),
      { seed: 7, numRuns: 200 },
    );
  });

  it('puts zero and sub-microsecond values in the zero bucket and ignores invalid ones', () => {
    const sketch = new LatencySketch();
    sketch.add(0);
    sketch.add(0.0001);
    sketch.add(-5);
    sketch.add(Number.NaN);
    expect(sketch.count).toBe(2);
    expect(bucketOf(0)).toBe('z');
    expect(sketch.quantile(0.5)).toBe(0);
  });

  it('is empty until a value arrives', () => {
    expect(new LatencySketch().quantile(0.5)).toBeUndefined();
  });
});
