/** Numbers (ascending) as compact ranges for the trace: `0–3, 7, 9–12`, cut after `max` ranges with `… (+k)`. */
export function ranges(nums: readonly number[], max = 8): string {
  const parts: string[] = [];
  let count = 0;
  for (let i = 0; i < nums.length;) {
    let j = i;
    while (j + 1 < nums.length && nums[j + 1] === nums[j] + 1) j++;
    if (parts.length < max) parts.push(j > i ? `${nums[i]}–${nums[j]}` : `${nums[i]}`);
    else count += j - i + 1;
    i = j + 1;
  }
  return count ? `${parts.join(', ')} … (+${count})` : parts.join(', ');
}
