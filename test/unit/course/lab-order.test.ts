import { describe, expect, it } from 'vitest';
import { courseLabOrder } from '../../../core/course/lab-order.ts';

describe('courseLabOrder', () => {
  it('lists labs by their first lesson (by order, not by listing), then as the lesson lists them', () => {
    const lessons = [
      { order: 2, labs: ['c', 'a'] },
      { order: 1, labs: ['b', 'c'] },
    ];
    expect(courseLabOrder(lessons, ['a', 'b', 'c'])).toEqual(['b', 'c', 'a']);
  });

  it('puts labs no lesson names last, in load order, and drops ids no lab has', () => {
    expect(courseLabOrder([{ order: 1, labs: ['ghost', 'b'] }], ['z', 'b', 'a'])).toEqual(['b', 'z', 'a']);
  });

  it('is load order when no lesson names a lab', () => {
    expect(courseLabOrder([], ['z', 'a'])).toEqual(['z', 'a']);
  });
});
