import { describe, expect, it } from 'vitest';
import { cleanText } from './clean-text.ts';

describe('cleanText', () => {
  it.each([
    ['<p>Hallo <b>Welt</b></p><script>alert(1)</script>', 'Hallo Welt'],
    ['Fish &amp; Chips &lt;3 &#x1F600;', 'Fish & Chips <3 😀'],
    ['&lt;img src=x onerror=alert(1)&gt;', '<img src=x onerror=alert(1)>'],
    ['a\u0000b\u0007c\u202Ed', 'abcd'],
    ['  viel    Platz \n\n\n  hier  ', 'viel Platz\nhier'],
    ['line<br>break', 'line\nbreak'],
    ['broken \uD83D surrogate', 'broken \uFFFD surrogate'],
    ['😀😀😀', '😀😀😀'],
    ['مرحبا بالعالم', 'مرحبا بالعالم'],
  ])('cleans %j', (input, expected) => {
    expect(cleanText(input, 1000)).toBe(expected);
  });

  it('caps the length without splitting a surrogate pair', () => {
    const out = cleanText('😀'.repeat(100), 11);
    expect(out.length).toBeLessThanOrEqual(11);
    expect(out.isWellFormed()).toBe(true);
    expect(cleanText('x'.repeat(1_000_000), 10_000)).toHaveLength(10_000);
  });
});
