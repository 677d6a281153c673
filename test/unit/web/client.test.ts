import { describe, expect, it } from 'vitest';
import { pollDelayMs } from '../../../functions/web/client.ts';

describe('waiting for a grade', () => {
  it('asks again soon at first, then backs off to once a second', () => {
    const delays = Array.from({ length: 8 }, (_, asked) => pollDelayMs(asked));
    expect(delays).toEqual([50, 100, 200, 400, 800, 1000, 1000, 1000]);
    // Under the old fixed 500 ms, a grade ready after 120 ms was seen at 500 ms; now after 50 + 100 = 150 ms.
    expect(delays[0] + delays[1]).toBeLessThan(500);
    // Ninety seconds of waiting stay under a hundred requests.
    let waited = 0;
    let asked = 0;
    while (waited < 90_000) waited += pollDelayMs(asked++);
    expect(asked).toBeLessThan(100);
  });
});
