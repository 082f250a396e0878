import { describe, expect, it } from 'vitest';
import type { Fields } from '../types.js';
import { createRedactor, DEFAULT_SENSITIVE_KEYS, RedactRuleError } from './index.js';

const redactor = createRedactor();

/** [kind, input, expected output]; counts must show exactly one of `kind`. */
const masked: [string, string, string][] = [
  ['aws_access_key', 'using key AKIAIOSFODNN7EXAMPLE now', 'using key [REDACTED:aws_access_key] now'],
  ['aws_access_key', 'sts ASIAY34FZKBOKMUTVV7A expires', 'sts [REDACTED:aws_access_key] expires'],
  [
    'aws_secret_key',
    'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    'aws_secret_access_key = [REDACTED:aws_secret_key]',
  ],
  [
    'aws_secret_key',
    '{"SecretAccessKey":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY","Expiration":"2024"}',
    '{"SecretAccessKey":"[REDACTED:aws_secret_key]","Expiration":"2024"}',
  ],
  [
    'bearer_token',
    'Authorization: Bearer abc123.def-456_ghi',
    'Authorization: Bearer [REDACTED:bearer_token]',
  ],
  [
    'bearer_token',
    'authorization: Basic dXNlcjpwYXNzd29yZA==',
    'authorization: Basic [REDACTED:bearer_token]',
  ],
  ['bearer_token', 'curl -H "Basic YWxpY2U6c2VjcmV0"', 'curl -H "Basic [REDACTED:bearer_token]"'],
  [
    'jwt',
    'session eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c ok',
    'session [REDACTED:jwt] ok',
  ],
  [
    'url_password',
    'connecting to postgres://app:s3cr3t!@db.internal:5432/orders',
    'connecting to postgres://app:[REDACTED:url_password]@db.internal:5432/orders',
  ],
  ['url_password', 'redis://:hunter2@cache:6379', 'redis://:[REDACTED:url_password]@cache:6379'],
  [
    'password_pair',
    'login user=bob password=hunter2 ok',
    'login user=bob password=[REDACTED:password_pair] ok',
  ],
  ['password_pair', 'passwd: hunter2', 'passwd: [REDACTED:password_pair]'],
  [
    'password_pair',
    '{"user":"bob","password":"hunter2"}',
    '{"user":"bob","password":"[REDACTED:password_pair]"}',
  ],
  ['password_pair', '{"pin_password":1234}', '{"pin_password":"[REDACTED:password_pair]"}'],
  ['password_pair', 'DB_PASSWORD=hunter2 DB_HOST=x', 'DB_PASSWORD=[REDACTED:password_pair] DB_HOST=x'],
  ['password_pair', "password='hunter 2'", "password='[REDACTED:password_pair]'"],
  [
    'password_pair',
    'level=info msg="login" password="p w"',
    'level=info msg="login" password="[REDACTED:password_pair]"',
  ],
  [
    'generic_secret',
    'GET /cb?code=1&api_key=abcdef123&x=1',
    'GET /cb?code=1&api_key=[REDACTED:generic_secret]&x=1',
  ],
  ['generic_secret', 'X-Api-Key: 9f8e7d6c5b4a', 'X-Api-Key: [REDACTED:generic_secret]'],
  [
    'generic_secret',
    '{"client_secret":"abc","id":1}',
    '{"client_secret":"[REDACTED:generic_secret]","id":1}',
  ],
  ['generic_secret', 'csrf_token=xyz789 next=1', 'csrf_token=[REDACTED:generic_secret] next=1'],
  ['email', 'user jane.doe+tag@mail.example.co.uk signed up', 'user [REDACTED:email] signed up'],
  ['card_number', 'charged card 4111 1111 1111 1111 ok', 'charged card [REDACTED:card_number] ok'],
  ['card_number', 'card=5500-0000-0000-0004', 'card=[REDACTED:card_number]'],
  ['card_number', 'amex 378282246310005.', 'amex [REDACTED:card_number].'],
  ['card_number', 'amex 3782 822463 10005', 'amex [REDACTED:card_number]'],
  [
    'private_key',
    'key -----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY----- loaded',
    'key [REDACTED:private_key] loaded',
  ],
  [
    'private_key',
    '{"pem":"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBg\\n-----END PRIVATE KEY-----\\n"}',
    '{"pem":"[REDACTED:private_key]\\n"}',
  ],
];

/** Lines that hold no secret and must come back as the same string. */
const untouched: [string, string][] = [
  ['logfmt counter', 'level=info error_count=0 token_count=5 max_tokens=100'],
  ['passwordless', 'passwordless=true tokens: 1500'],
  ['order id failing Luhn', 'order 4111111111111112 created'],
  ['epoch milliseconds', '{"time":1714564800000,"n":1}'],
  ['HDFS block id', 'blk_-6952295868487656571 and blk_38865049064139660'],
  ['40-char hash without key', 'commit 1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e'],
  ['ssh target without TLD', 'connecting root@server'],
  ['Java object ref', 'QuorumCnxManager$Listener@493 started'],
  ['Basic in prose', 'Basic configuration complete'],
  ['Bearer in prose', 'Bearer token missing'],
  ['object dump', 'wtoken = AppWindowToken{9f4ef63 token=Token{a64f992}}'],
  ['masked placeholder', 'password=******** token=null'],
  ['IP without ips option', 'from 10.0.0.1 and fe80::1'],
  ['failed password prose', 'Failed password for invalid user admin from 10.0.0.1 port 22 ssh2'],
];

describe('createRedactor: text', () => {
  it.each(masked)('%s: %s', (kind, input, expected) => {
    // Prepare
    const counts: Record<string, number> = {};
    // Act
    const out = redactor.text(input, counts);
    // Assess
    expect(out).toBe(expected);
    expect(counts).toEqual({ [kind]: 1 });
  });

  it.each(untouched)('leaves %s alone', (_name, input) => {
    const counts: Record<string, number> = {};
    expect(redactor.text(input, counts)).toBe(input);
    expect(counts).toEqual({});
  });

  // The keyword prescan enters words on their rare letters: any letter case must still get through.
  it.each([
    ['PassWord=hunter2', 'PassWord=[REDACTED:password_pair]', 'password_pair'],
    ['PASSPHRASE: open sesame', 'PASSPHRASE: [REDACTED:password_pair] sesame', 'password_pair'],
    ['db_PwD=hunter2', 'db_PwD=[REDACTED:password_pair]', 'password_pair'],
    ['SeCrEt=abc123', 'SeCrEt=[REDACTED:generic_secret]', 'generic_secret'],
    ['ToKeN=abc123', 'ToKeN=[REDACTED:generic_secret]', 'generic_secret'],
    ['API-KEY: abc123', 'API-KEY: [REDACTED:generic_secret]', 'generic_secret'],
    ['BEARER abcdef123456', 'BEARER [REDACTED:bearer_token]', 'bearer_token'],
  ])('masks %s whatever the letter case', (input, expected, kind) => {
    const counts: Record<string, number> = {};
    expect(redactor.text(input, counts)).toBe(expected);
    expect(counts).toEqual({ [kind]: 1 });
  });

  it('counts every match and adds to existing counts', () => {
    const counts: Record<string, number> = { email: 2 };
    const out = redactor.text('a@x.io, b@y.io and AKIAIOSFODNN7EXAMPLE', counts);
    expect(out).toBe('[REDACTED:email], [REDACTED:email] and [REDACTED:aws_access_key]');
    expect(counts).toEqual({ email: 4, aws_access_key: 1 });
  });

  it('masks a token once, not again as a secret pair', () => {
    const counts: Record<string, number> = {};
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl';
    expect(redactor.text(`token=${jwt}`, counts)).toBe('token=[REDACTED:jwt]');
    expect(counts).toEqual({ jwt: 1 });
  });

  it('is idempotent', () => {
    const once = redactor.text('password=x a@b.io 4111111111111111', {});
    const counts: Record<string, number> = {};
    expect(redactor.text(once, counts)).toBe(once);
    expect(counts).toEqual({});
  });

  it('keeps JSON valid, including escaped JSON inside a string and escapes next to secrets', () => {
    // Prepare
    const message = JSON.stringify({
      msg: 'payload {"password":"x\\"y","card":"4111111111111111"}\nto ann@example.com',
      password: 'p"w\\',
      nested: { email: 'bob@example.org', pin: 1234, token: 98765 },
      note: 'line\nbob@example.org\tAKIAIOSFODNN7EXAMPLE',
    });
    const counts: Record<string, number> = {};
    // Act
    const out = redactor.text(message, counts);
    const parsed = JSON.parse(out);
    // Assess
    expect(out).not.toContain('ann@example.com');
    expect(out).not.toContain('bob@example.org');
    expect(out).not.toContain('4111111111111111');
    expect(out).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(parsed.password).toBe('[REDACTED:password_pair]');
    expect(parsed.nested.token).toBe('[REDACTED:generic_secret]');
    expect(parsed.nested.pin).toBe(1234);
    expect(parsed.note).toBe('line\n[REDACTED:email]\t[REDACTED:aws_access_key]');
  });

  it.each([
    ['{"n":4111111111111111}', '{"n":"[REDACTED:card_number]"}'],
    ['{"password=":"a@b.io"}', '{"password=":"[REDACTED:email]"}'],
    ['{"msg":"retry password=abc\\"x"}', '{"msg":"retry password=[REDACTED:password_pair]\\"x"}'],
  ])('keeps JSON structure intact: %s', (input, expected) => {
    const out = redactor.text(input, {});
    expect(out).toBe(expected);
    expect(() => JSON.parse(out)).not.toThrow();
  });

  it('returns the same string object when nothing matched', () => {
    const line = `plain line ${'x'.repeat(10)}`;
    expect(redactor.text(line, {})).toBe(line);
  });
});

describe('createRedactor: options', () => {
  it('does nothing when disabled', () => {
    const r = createRedactor({ enabled: false });
    const counts: Record<string, number> = {};
    expect(r.text('password=x a@b.io', counts)).toBe('password=x a@b.io');
    const f: Fields = { password: 'x' };
    r.fields(f, counts);
    expect(f).toEqual({ password: 'x' });
    expect(counts).toEqual({});
  });

  it('turns off built-in kinds', () => {
    const r = createRedactor({ disable: ['email', 'password_pair'] });
    expect(r.text('a@b.io password=x token=y', {})).toBe('a@b.io password=x token=[REDACTED:generic_secret]');
  });

  it('masks IPs only when asked', () => {
    const r = createRedactor({ ips: true });
    const counts: Record<string, number> = {};
    expect(r.text('from 10.0.0.1 via [2001:db8::1]:443 at 12:00:00 v1.2.3.4', counts)).toBe(
      'from [REDACTED:ipv4] via [[REDACTED:ipv6]]:443 at 12:00:00 v1.2.3.4',
    );
    expect(counts).toEqual({ ipv4: 1, ipv6: 1 });
  });

  it('applies custom rules, with their own replacement, never across a quote', () => {
    // Prepare
    const r = createRedactor({
      rules: [
        { name: 'customer_id', pattern: 'CUST-\\d+' },
        { name: 'ssn', pattern: '\\b\\d{3}-\\d{2}-\\d{4}\\b', replacement: '***-**-****' },
        { name: 'greedy', pattern: 'start.*end', flags: 'i' },
      ],
    });
    const counts: Record<string, number> = {};
    // Act
    const out = r.text('{"a":"CUST-42 ssn 123-45-6789 START x","b":"y END"}', counts);
    // Assess
    expect(out).toBe('{"a":"[REDACTED:customer_id] ssn ***-**-**** [REDACTED:greedy]","b":"y END"}');
    expect(JSON.parse(out)).toBeTruthy();
    expect(counts).toEqual({ customer_id: 1, ssn: 1, greedy: 1 });
  });

  it.each([
    [{ name: 'bad', pattern: '(' }],
    [{ name: 'has space', pattern: 'x' }],
    [{ name: 'q', pattern: 'x', replacement: 'a"b' }],
    [{ name: 'b', pattern: 'x', replacement: 'a\\b' }],
  ])('rejects the rule %o', (rule) => {
    expect(() => createRedactor({ rules: [rule] })).toThrow(RedactRuleError);
  });

  it('survives a custom rule that matches the empty string', () => {
    const r = createRedactor({ rules: [{ name: 'empty', pattern: 'x*' }] });
    expect(r.text('abc', {})).toBe('abc');
  });
});

describe('createRedactor: fields', () => {
  it('masks sensitive keys wholesale and other strings through the text rules', () => {
    // Prepare
    const f: Fields = {
      password: 'hunter2',
      'headers.Authorization': 'Bearer abc.def.ghi',
      'req.headers.cookie': 'sid=1',
      db_password: 'x',
      csrf_token: 'y',
      token_count: 3,
      'user.email': 'jane@example.com',
      msg: 'no secret here',
      card: 4111111111111111,
      order: 4111111111111112,
      pin: 1234,
      empty_password: '',
      ok: true,
    };
    const counts: Record<string, number> = {};
    // Act
    redactor.fields(f, counts);
    // Assess
    expect(f).toEqual({
      password: '[REDACTED:password_pair]',
      'headers.Authorization': '[REDACTED:generic_secret]',
      'req.headers.cookie': '[REDACTED:generic_secret]',
      db_password: '[REDACTED:password_pair]',
      csrf_token: '[REDACTED:generic_secret]',
      token_count: 3,
      'user.email': '[REDACTED:email]',
      msg: 'no secret here',
      card: '[REDACTED:card_number]',
      order: 4111111111111112,
      pin: 1234,
      empty_password: '',
      ok: true,
    });
    expect(counts).toEqual({ password_pair: 2, generic_secret: 3, email: 1, card_number: 1 });
  });

  it('masks values made of digits, hex and punctuation only when a rule can match them', () => {
    // Prepare: ids and addresses stay; a card number, a key of upper-case letters past F and an
    // `@` still reach the rules.
    const f: Fields = {
      uuid: 'c0ffee00-0000-4000-8000-000000000001',
      ip: '10.0.0.7',
      ips: '10.0.0.7,fe80::1',
      hash: 'DEADBEEF 0123-4567',
      card: '4111 1111 1111 1111',
      key: 'AKIAIOSFODNN7EXAMPLE',
      at: 'a@b.cd',
    };
    const counts: Record<string, number> = {};
    // Act
    redactor.fields(f, counts);
    // Assess
    expect(f).toEqual({
      uuid: 'c0ffee00-0000-4000-8000-000000000001',
      ip: '10.0.0.7',
      ips: '10.0.0.7,fe80::1',
      hash: 'DEADBEEF 0123-4567',
      card: '[REDACTED:card_number]',
      key: '[REDACTED:aws_access_key]',
      at: '[REDACTED:email]',
    });
    expect(counts).toEqual({ card_number: 1, aws_access_key: 1, email: 1 });
  });

  it('masks IP field values when IPs are redacted', () => {
    const f: Fields = { ip: '10.0.0.7' };
    createRedactor({ ips: true }).fields(f, {});
    expect(f).toEqual({ ip: '[REDACTED:ipv4]' });
  });

  it('replaces the sensitive key list when given', () => {
    const r = createRedactor({ sensitiveKeys: ['X-Session'] });
    const f: Fields = { 'x-session': 'abc', cookie: 'sid=1' };
    r.fields(f, {});
    expect(f).toEqual({ 'x-session': '[REDACTED:generic_secret]', cookie: 'sid=1' });
  });

  it('does not count a value that is already a token', () => {
    const f: Fields = { password: '[REDACTED:password_pair]' };
    const counts: Record<string, number> = {};
    redactor.fields(f, counts);
    expect(counts).toEqual({});
  });

  it('exports the default sensitive keys', () => {
    expect(DEFAULT_SENSITIVE_KEYS).toContain('set-cookie');
  });
});
