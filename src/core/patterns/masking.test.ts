import { describe, expect, it } from 'vitest';
import { PatternOptionsError } from './errors.js';
import { compileMasking, maskToken } from './masking.js';
import { tokenize } from './tokenize.js';

const all = compileMasking();
const line = (text: string) => tokenize(text, all, 128).join(' ');

describe('built-in maskers', () => {
  it.each([
    ['number', 'took 42 ms', 'took <*>'],
    ['negative number and key', 'delta=-17,', 'delta=<*>,'],
    ['hex', 'flags=0x1f addr 7fed806eb5d', 'flags=<*> addr <*>'],
    ['uuid', 'job 123e4567-e89b-12d3-a456-426614174000 done', 'job <*> done'],
    ['ipv4 with port', 'from 10.0.0.1:8080 and [173.234.31.186]', 'from <*> and [<*>]'],
    ['ipv6', 'peer fe80::1ff:fe23:4567:890a closed', 'peer <*> closed'],
    ['url', 'GET https://example.com/a?b=1 ok', 'GET <*> ok'],
    ['path', 'open /var/log/app.log failed', 'open <*> failed'],
    ['windows path', 'loaded C:\\Windows\\System32\\x.dll', 'loaded <*>'],
    ['email', 'mail to ops@example.com sent', 'mail to <*> sent'],
    ['iso timestamp', 'at 2024-05-01T10:00:00.123Z end', 'at <*> end'],
    ['date, time and day names', 'on Fri Jul 01 08:16:53 PDT 2005', 'on <*> PDT <*>'],
    ['word with a digit', 'block rdd_42_20 and core.2275', 'block <*> and core.<*>'],
    ['unit after a value', 'size 5.2 KB, free 93 B)', 'size <*>, free <*>)'],
    ['mac address', 'chip FF:F2:9F:16:E2:23 up', 'chip <*> up'],
  ])('%s', (_name, input, expected) => {
    // Act
    const masked = line(input);
    // Assess
    expect(masked).toBe(expected);
  });

  it('keeps words, times-like words and C++ scopes', () => {
    expect(line('std::string is fine: yes')).toBe('std::string is fine: yes');
  });

  it('masks each token class only when its masker is on', () => {
    // Prepare
    const onlyIp = compileMasking(['ipv4']);
    // Act + Assess
    expect(maskToken('10.1.2.3', onlyIp)).toBe('<*>');
    expect(maskToken('42', onlyIp)).toBe('42');
  });

  it('applies extra regex maskers on the whole line, with their replacement', () => {
    // Prepare
    const masking = compileMasking([], [{ name: 'ticket', pattern: 'JIRA-[A-Z]+', replacement: '<TICKET>' }]);
    // Act
    const tokens = tokenize('see JIRA-ABC now', masking, 128);
    // Assess
    expect(tokens).toEqual(['see', '<TICKET>', 'now']);
  });

  it('rejects unknown maskers and broken regexes', () => {
    expect(() => compileMasking(['nope' as never])).toThrow(PatternOptionsError);
    expect(() => compileMasking([], [{ name: 'bad', pattern: '(' }])).toThrow(/extra masker "bad"/);
    expect(() => compileMasking([], [{ name: 'empty', pattern: 'x*' }])).toThrow(/empty string/);
  });

  it('truncates to maxTokens', () => {
    expect(tokenize('a b c d e', all, 3)).toEqual(['a', 'b', 'c']);
  });
});
