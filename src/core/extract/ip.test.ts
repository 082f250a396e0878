import { describe, expect, it } from 'vitest';
import { findIps, isIpv4, isIpv6 } from './ip.js';

function ipsOf(s: string, skipUnspecified = true): string[] {
  return findIps(s, 16, skipUnspecified).map((sp) => s.slice(sp.start, sp.end));
}

describe('findIps', () => {
  it.each<[string, string[]]>([
    ['from 10.0.0.1 to 192.168.1.254', ['10.0.0.1', '192.168.1.254']],
    ['HDFS 10.251.73.220:50010 is added', ['10.251.73.220']],
    ['sshd: Invalid user from 173.234.31.186 port 38926', ['173.234.31.186']],
    ['ended with a period 1.2.3.4.', ['1.2.3.4']],
    ['[::1]:8080 and fe80::1ff:fe23:4567:890a%eth0', ['::1', 'fe80::1ff:fe23:4567:890a']],
    ['full 2001:0db8:85a3:0000:0000:8a2e:0370:7334 form', ['2001:0db8:85a3:0000:0000:8a2e:0370:7334']],
    ['mapped ::ffff:10.0.0.5 only once', ['::ffff:10.0.0.5']],
    ['bind 0.0.0.0 and :: skipped', []],
    ['time 12:00:00 and 2024-05-01T12:00:00.000Z', []],
    ['mac 00:1a:2b:3c:4d:5e and eui 00:1a:2b:ff:fe:3c:4d:5e', []],
    ['std::vector and Abc::Def scopes', []],
    ['zookeeper 0:0:0:0:0:0:0:0:2181', []],
    ['version 1.2.3.4 and v1.2.3.4 and 6.1.7601.23505', []],
    ['octets 256.1.1.1 and 1.1.1.300 and 01.2.3.4', []],
    ['at 12:00:00 six groups 1:2:3:4:5:6:10.0.0.9 end', ['1:2:3:4:5:6:10.0.0.9']],
    ['12:00:00 Foo.bar:942 Baz.qux:3407 Quux.onTransact:398 a.b:1', []],
  ])('%s', (text, expected) => {
    expect(ipsOf(text)).toEqual(expected);
  });

  it('keeps unspecified addresses when asked (redaction)', () => {
    expect(ipsOf('bind 0.0.0.0', false)).toEqual(['0.0.0.0']);
  });

  it('stops at max', () => {
    expect(findIps('1.1.1.1 2.2.2.2 3.3.3.3', 2)).toHaveLength(2);
  });
});

describe('isIpv4 / isIpv6', () => {
  it.each([
    ['255.255.255.255', true, false],
    ['1.2.3', false, false],
    ['::1', false, true],
    ['1::2::3', false, false],
    ['2001:db8::', false, true],
    ['12345::1', false, false],
    ['1:2:3:4:5:6:7:8:9', false, false],
  ])('%s', (s, v4, v6) => {
    expect(isIpv4(s)).toBe(v4);
    expect(isIpv6(s)).toBe(v6);
  });
});
