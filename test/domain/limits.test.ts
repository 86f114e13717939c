import { describe, expect, it } from 'vitest';
import { isRegion, REGION_MAX, TRUNCATED_SUFFIX, truncateVisibly } from '../../main/domain/limits';

describe('isRegion', () => {
  it('accepts real regions and refuses malformed or over-long ones', () => {
    for (const r of ['us-east-1', 'us-gov-west-1', 'ap-southeast-5', 'eu-isoe-west-1']) expect(isRegion(r)).toBe(true);
    for (const r of ['', 'US-EAST-1', 'us-east', 'us east 1', 'us-east-1\n', 42]) expect(isRegion(r)).toBe(false);
    const long = `us-${'a'.repeat(REGION_MAX)}-1`;
    // The pattern alone accepts it: the length is what refuses it.
    expect(/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(long)).toBe(true);
    expect(isRegion(long)).toBe(false);
  });
});

describe('truncateVisibly', () => {
  it('keeps a text that fits', () => {
    expect(truncateVisibly('short', 5)).toBe('short');
  });

  it('cuts a long text to the limit and says so at its end', () => {
    const cut = truncateVisibly('x'.repeat(300), 100);
    expect(cut).toHaveLength(100);
    expect(cut.endsWith(TRUNCATED_SUFFIX)).toBe(true);
    expect(cut.startsWith('x'.repeat(100 - TRUNCATED_SUFFIX.length))).toBe(true);
  });

  it('never cuts a surrogate pair in half', () => {
    const max = 20;
    const keep = max - TRUNCATED_SUFFIX.length;
    const text = `${'a'.repeat(keep - 1)}🚀${'b'.repeat(50)}`;
    const cut = truncateVisibly(text, max);
    expect(cut).toBe(`${'a'.repeat(keep - 1)}${TRUNCATED_SUFFIX}`);
    expect(cut.length).toBeLessThanOrEqual(max);
  });
});
