import { describe, expect, it } from 'vitest';
import { groupingAccuracy } from './patternsAccuracy.js';

describe('groupingAccuracy', () => {
  it('counts a line correct only when its group is exactly its truth group', () => {
    // Prepare: truth {0,1} {2} {3,4}; predicted {0,1} {2,3} {4}
    const truth = ['A', 'A', 'B', 'C', 'C'];
    const predicted = ['x', 'x', 'y', 'y', 'z'];
    // Act
    const ga = groupingAccuracy(predicted, truth);
    // Assess: only lines 0 and 1 are grouped exactly right
    expect(ga).toBeCloseTo(2 / 5);
  });

  it('is 1 for a perfect grouping whatever the labels', () => {
    expect(groupingAccuracy(['p', 'q', 'p'], ['A', 'B', 'A'])).toBe(1);
  });
});
