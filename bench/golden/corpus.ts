/**
 * A deterministic corpus for checking that a performance change leaves classify, extract, redact and
 * the Analyzer byte-identical: every Loghub raw line and Content value, the string literals of the
 * extract/redact/classify unit tests (from the tree given, so both runs can use the same ones),
 * seeded synthetic lines of many formats with secrets, and seeded fuzz.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from '../../src/apps/server/demo/DemoTraffic.js';
import { LOGHUB_SYSTEMS, loadLoghub } from '../loghub.js';

export function corpus(literalsRoot: string | undefined, seed = 1234, synthN = 6000, fuzzN = 6000): string[] {
  const out: string[] = [];
  for (const s of LOGHUB_SYSTEMS) {
    for (const r of loadLoghub(s)) {
      out.push(r.raw, r.content);
    }
  }
  // String literals of the unit tests in the three areas.
  for (const dir of literalsRoot === undefined ? [] : ['extract', 'redact', 'classify']) {
    const d = join(literalsRoot!, 'src', 'core', dir);
    for (const f of readdirSync(d)) {
      if (!f.endsWith('.test.ts')) continue;
      const src = readFileSync(`${d}/${f}`, 'utf8');
      for (const m of src.matchAll(/'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\$]|\\.)*)`/g)) {
        const v = literalValue(m[0]);
        if (v !== undefined && v.length >= 3) out.push(v);
      }
    }
  }
  const rnd = mulberry32(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
  const int = (a: number, b: number) => a + Math.floor(rnd() * (b - a + 1));
  const hex = (n: number, upper = false) => {
    let s = '';
    for (let i = 0; i < n; i++) s += '0123456789abcdef'[int(0, 15)];
    return upper ? s.toUpperCase() : s;
  };
  const alnum = (n: number, set = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789') => {
    let s = '';
    for (let i = 0; i < n; i++) s += set[int(0, set.length - 1)];
    return s;
  };
  const b64u = (n: number) => alnum(n, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_');
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;
  const ip4 = () =>
    pick(['10', '192', '172', '203', '0', '255', '256', '01', '8']) +
    `.${int(0, 260)}.${int(0, 255)}.${int(0, 255)}`;
  const ip6 = () =>
    pick([
      'fe80::1',
      '2001:db8::8a2e:370:7334',
      '::1',
      '::',
      '::ffff:10.0.0.1',
      '2001:0db8:85a3:0000:0000:8a2e:0370:7334',
      'Abc::Def',
      '00:1a:2b:3c:4d:5e',
      '12:00:00',
      `${hex(4)}:${hex(4)}::${hex(2)}`,
    ]);
  const luhnCard = () => {
    const base = pick(['4', '5', '3', '6', '2']) + alnum(int(11, 17), '0123456789');
    for (let d = 0; d <= 9; d++) {
      const c = base + d;
      let sum = 0;
      let dbl = false;
      for (let i = c.length - 1; i >= 0; i--) {
        let x = c.charCodeAt(i) - 48;
        if (dbl) {
          x *= 2;
          if (x > 9) x -= 9;
        }
        sum += x;
        dbl = !dbl;
      }
      if (sum % 10 === 0) return c;
    }
    return base + '0';
  };
  const card = () => {
    const c = rnd() < 0.2 ? alnum(16, '0123456789') : luhnCard();
    if (c.length === 16 && rnd() < 0.4) {
      const sep = pick([' ', '-']);
      return `${c.slice(0, 4)}${sep}${c.slice(4, 8)}${sep}${c.slice(8, 12)}${sep}${c.slice(12)}`;
    }
    return c;
  };
  const jwt = () => `eyJ${b64u(int(10, 30))}.${b64u(int(5, 40))}.${b64u(int(0, 43))}`;
  const akia = () => pick(['AKIA', 'ASIA', 'AKIA', 'akia']) + alnum(int(15, 17));
  const secretKey = () => alnum(40, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+');
  const dur = () =>
    pick([
      `${int(0, 999)}ms`,
      `${int(0, 9)}.${int(0, 99)}s`,
      `${int(1, 9)} seconds`,
      `${int(1, 500)} µs`,
      `${int(1, 999)}ns`,
      `${int(1, 9)}m`,
      `${int(1, 3)}h${int(1, 59)}m${int(0, 59)}.5s`,
      `${int(2, 9)}m${int(0, 59)}s`,
      `${int(1, 9)} min`,
      `${int(1, 99)}us`,
      `${int(1, 99)} MB`,
      `v1.${int(1, 9)}s`,
      `12:30s`,
      `-1ms`,
      `${int(1, 9)}.${int(0, 9)} sec`,
      `took ${int(1, 99)}msec`,
    ]);
  const email = () =>
    `${pick(['bob', 'a.b', 'x+y', 'j!k', 'root'])}@${pick(['example.com', 'mail.co.uk', 'server', 'x.io', 'a-b.de.'])}`;
  const levels = [
    'info',
    'INFO',
    'warn',
    'WARN',
    'error',
    'ERROR',
    'debug',
    'fatal',
    'Fatal',
    'trace',
    'critical',
    'notice',
    'Warning',
    'err',
    'E',
    'fail',
    'FAIL',
    '30',
    '50',
    'x',
  ];
  const words = [
    'user',
    'login',
    'failed',
    'error',
    'no errors',
    '0 failed',
    'errors=0',
    'error: none',
    'non-fatal',
    'panic',
    'Exception',
    'NullPointerException',
    'deprecated',
    'retrying',
    'timed out',
    'Task timed out after 3.00 seconds',
    'Runtime exited with error',
    'Runtime.OutOfMemory',
    'oom-killed',
    'kernel panic',
    'warning',
    'connection refused',
    'denied',
    'ok',
    'done',
    'status',
    'request',
    'trace',
    'HTTP 503',
    'status code 404',
    'statusCode: 500',
    'http_status=502',
    'version 1.2.3.4',
    'ver 0.0.0.6',
  ];
  const msg = () => {
    const n = int(1, 6);
    const parts: string[] = [];
    for (let i = 0; i < n; i++) parts.push(pick(words));
    return parts.join(' ');
  };
  const secretThing = () =>
    pick([
      () => `password=${alnum(int(1, 12))}`,
      () => `"password":"${alnum(8)}"`,
      () => `passwd: ${alnum(6)}`,
      () => `DB_PASSWORD=${alnum(9)}`,
      () => `token=${alnum(20)}`,
      () => `token_count=${int(1, 9)}`,
      () => `max_tokens=${int(1, 999)}`,
      () => `X-Api-Key: ${alnum(24)}`,
      () => `api_key="${alnum(16)}"`,
      () => `client_secret=${alnum(12)}`,
      () => `"secret":null`,
      () => `private_key=${alnum(10)}`,
      () => `Authorization: Bearer ${b64u(int(6, 40))}`,
      () => `Authorization: Basic ${Buffer.from(`u:${alnum(5)}`).toString('base64')}`,
      () => `basic auth enabled`,
      () => `Basic ${alnum(10)}`,
      () => jwt(),
      () => akia(),
      () => `aws_secret_access_key=${secretKey()}`,
      () => `"SecretAccessKey":"${secretKey()}"`,
      () => `postgres://app:${alnum(8)}@db.internal:5432/x`,
      () => `https://${ip4()}/path?x=1`,
      () => `redis://:${alnum(6)}@cache:6379`,
      () => email(),
      () => card(),
      () => `-----BEGIN RSA PRIVATE KEY-----\\nMII${b64u(30)}\\n-----END RSA PRIVATE KEY-----`,
      () => `-----BEGIN PRIVATE KEY-----${b64u(20)}`,
      () => `access granted`,
      () => `passwordless=true`,
      () => `token=Token{a64f992 ${alnum(4)}}`,
      () => `pass: ***`,
      () => `pwd=none`,
      () => `\\"password\\":\\"${alnum(5)}\\"`,
    ])();
  const ts = () =>
    `2024-0${int(1, 9)}-1${int(0, 9)}T1${int(0, 9)}:${int(10, 59)}:${int(10, 59)}.${int(100, 999)}Z`;
  const gens: (() => string)[] = [
    () =>
      JSON.stringify({
        level: int(10, 60),
        time: Date.UTC(2024, 1, 1) + int(0, 1e6),
        pid: int(1, 9999),
        hostname: 'h',
        req: { method: pick(['GET', 'post']), url: `/api/${alnum(4)}?q=${int(1, 9)}`, remoteAddress: ip4() },
        res: { statusCode: pick([200, 404, 500, 503]) },
        responseTime: int(1, 999),
        msg: `${msg()} ${rnd() < 0.3 ? secretThing() : ''}`,
      }),
    () =>
      JSON.stringify({
        name: 'app',
        hostname: 'h',
        pid: 1,
        level: pick([30, 40, 50]),
        msg: msg(),
        time: ts(),
        v: 0,
        err: rnd() < 0.3 ? { message: 'boom', stack: 'Error: boom\n at x' } : undefined,
      }),
    () =>
      JSON.stringify({
        level: pick(levels),
        message: `${msg()} ${secretThing()}`,
        service: 'svc',
        timestamp: ts(),
        xray_trace_id: `1-${hex(8)}-${hex(24)}`,
        function_request_id: uuid(),
        cold_start: rnd() < 0.5,
        function_memory_size: 128,
        correlation_id: rnd() < 0.5 ? uuid() : undefined,
      }),
    () =>
      JSON.stringify({
        event: msg(),
        level: pick(levels),
        timestamp: ts(),
        logger: 'x',
        user_email: email(),
        password: rnd() < 0.3 ? alnum(8) : undefined,
        card: rnd() < 0.2 ? Number(luhnCard().slice(0, 16)) : undefined,
      }),
    () =>
      JSON.stringify({
        type: pick(['platform.report', 'platform.start', 'function']),
        time: ts(),
        record: {
          requestId: uuid(),
          status: pick(['success', 'timeout', 'error']),
          errorType: pick(['', 'Runtime.ExitError']),
          metrics: { durationMs: int(1, 999) },
        },
      }),
    () =>
      JSON.stringify({
        httpMethod: pick(['GET', 'POST']),
        status: pick(['200', '404', '502', 500]),
        requestId: uuid(),
        ip: ip4(),
        resourcePath: '/items/{id}',
        sourceIp: ip4(),
        responseLength: int(1, 999),
        latency: `${int(1, 99)}ms`,
      }),
    () =>
      JSON.stringify({
        '@t': ts(),
        '@mt': 'Hello {Name}',
        Name: 'x',
        '@l': rnd() < 0.5 ? 'Warning' : undefined,
      }),
    () =>
      `{"level":"${pick(levels)}","msg":"${msg()} ${secretThing().replace(/"/g, '\\"')}","nested":{"a":{"b":{"c":{"d":{"e":1}}}}},"arr":[1,2,"${ip4()}"]}`,
    () => `{"broken": json ${msg()}`,
    () => `  {"log":"${msg()}"}  `,
    () =>
      `time=${ts()} level=${pick(levels)} msg="${msg()}" duration=${dur()} status=${pick([200, 404, 500])} request_id=${uuid()} ip=${ip4()} ${secretThing()}`,
    () =>
      `at=info method=GET path="/x" host=app.herokuapp.com request_id=${uuid()} fwd="${ip4()}" dyno=web.1 connect=${int(0, 9)}ms service=${int(1, 99)}ms status=${pick([200, 503])} bytes=${int(1, 999)} protocol=https`,
    () =>
      `lvl=${pick(levels)} caller=main.go:${int(1, 99)} ts=${ts()} err="${msg()}" latency_ms=${int(1, 99)} x=0${int(1, 9)} y=-${int(1, 9)}.5 z=${alnum(3)},`,
    () =>
      `${ip4()} - ${pick(['-', 'frank', email()])} [10/Oct/2000:13:55:36 -0700] "${pick(['GET', 'POST', 'PUT', 'HEAD', 'BREW'])} ${pick(['/apache_pb.gif', `/login?user=bob&password=${alnum(6)}`, 'https://x.com/a?b', '*', `/p/${uuid()}`])} HTTP/1.${int(0, 1)}" ${pick([200, 301, 404, 500, 503])} ${int(0, 9999)} "${pick(['-', 'http://www.example.com/start.html'])}" "Mozilla/5.0" ${int(0, 2)}.${int(0, 999)}`,
    () =>
      `${pick(['http', 'https', 'h2'])} ${ts()} app/my-lb/50dc6c495c0c9188 ${ip4()}:${int(1, 65535)} ${ip4()}:80 0.0${int(0, 9)} 0.${int(0, 99)} ${pick(['0.001', '-1'])} ${pick([200, 502, 404])} ${pick([200, '-'])} ${int(0, 99)} ${int(0, 999)} "GET https://www.example.com:443/${alnum(3)}?a=1 HTTP/1.1" "curl/7.46.0" ECDHE TLSv1.2 arn:x "Root=1-${hex(8)}-${hex(24)}" "x" "-" 1 ${ts()} "forward" "-" "-" "10.0.0.1:80" "200" "-" "-"`,
    () =>
      `${ts()}\t${uuid()}\t${pick(['INFO', 'ERROR', 'WARN', 'DEBUG', 'info', 'fail', 'Invoke Error'])}\t${pick([msg(), JSON.stringify({ errorType: 'Error', errorMessage: msg(), password: alnum(4) }), `${msg()} ${secretThing()}`])}`,
    () =>
      `[${pick(['INFO', 'ERROR', 'WARNING', 'DEBUG'])}]\t${ts()}\t${uuid()}\t${msg()} ${rnd() < 0.4 ? secretThing() : ''}`,
    () => `${ts()} ${uuid()} Task timed out after ${int(1, 9)}.00 seconds`,
    () => `START RequestId: ${uuid()} Version: $LATEST`,
    () => `END RequestId: ${uuid()}`,
    () =>
      `REPORT RequestId: ${uuid()}\tDuration: ${int(1, 999)}.${int(10, 99)} ms\tBilled Duration: ${int(1, 999)} ms\tMemory Size: 128 MB\tMax Memory Used: ${int(1, 128)} MB\t${rnd() < 0.5 ? `Init Duration: ${int(1, 999)}.33 ms\t` : ''}${rnd() < 0.3 ? `Status: ${pick(['timeout', 'error'])}\tError Type: ${pick(['Runtime.ExitError', 'Runtime.OutOfMemory'])}` : ''}${rnd() < 0.3 ? `\nXRAY TraceId: 1-${hex(8)}-${hex(24)}\tSegmentId: ${hex(16)}\tSampled: true` : ''}`,
    () =>
      `INIT_START Runtime Version: nodejs:20.v13 Runtime Version ARN: arn:aws:lambda:us-east-1::runtime:${hex(20)}`,
    () =>
      `${pick(['2024-01-01 12:00:00,123', '17/06/09 20:10:40', 'Jun 14 15:16:01', '081109 203615 148', '<11>Jan  1 00:00:00', '<14>Jan  1 00:00:00', 'E1126 12:00:00.123456', '03-17 16:13:38.811  1702  2395', ''])} ${pick(['ERROR', 'INFO', 'WARN', 'D', 'I', '[error]', '[core:trace3]', 'host', 'combo'])} ${pick(['[main]', 'sshd[123]:', 'c.e.Foo', 'dfs.DataNode$PacketResponder:', ''])} ${msg()} ${rnd() < 0.5 ? secretThing() : ''} ${rnd() < 0.5 ? dur() : ''} ${rnd() < 0.5 ? ip4() : ''} ${rnd() < 0.3 ? ip6() : ''}`,
    () =>
      `${msg()} from ${ip4()} port ${int(1, 65535)} ssh2 ${rnd() < 0.3 ? `[${ip6()}]:80` : ''} ${rnd() < 0.3 ? uuid() : ''}`,
    () =>
      `traceparent: 00-${hex(32)}-${hex(16)}-0${int(0, 1)} ${msg()} trace_id=${hex(32)} x-request-id: ${uuid()} reqId=${alnum(8)}`,
    () => `X-Amzn-Trace-Id: Root=1-${hex(8)}-${hex(24)};Parent=${hex(16)};Sampled=1 ${msg()}`,
    () => `${msg()} ${secretThing()} ${secretThing()} ${rnd() < 0.5 ? secretThing() : ''}`,
    () =>
      `user ${email()} paid with ${card()} ${rnd() < 0.5 ? `order ${alnum(16, '0123456789')}` : ''} ts ${Date.UTC(2024, 0, 1) + int(0, 1e9)}`,
    () =>
      `${pick(['GET', 'POST'])} /api/v1/${alnum(5)} ${pick([200, 404, 500])} ${int(1, 999)}.${int(0, 999)} ms - ${int(1, 999)}`,
    () => `Processed in ${dur()} (${dur()}), ${pick(['latency=', 'took ', 'elapsed: '])}${dur()}`,
    () => `<${int(0, 191)}>${int(1, 2)} ${ts()} host app ${int(1, 99999)} - - ${pick(levels)}: ${msg()}`,
    () => `${ts()} fail: Microsoft.AspNetCore[0] ${msg()}`,
    () =>
      `${pick(['ERRO', 'WARN', 'INFO'])}[0001] ${msg()} ${pick(['level=debug', 'severity="WARN"', 'lvl=error'])}`,
  ];
  for (let i = 0; i < synthN; i++) out.push(pick(gens)());
  // Fuzz: random sequences from interesting fragments, to stress scanner equivalence.
  const frags = [
    'a',
    'e',
    'y',
    'J',
    'eyJ',
    'AKIA',
    'ASIA',
    'A',
    'Z',
    '0',
    '1',
    '4',
    '5',
    '9',
    '.',
    ':',
    '::',
    '-',
    '=',
    '"',
    "'",
    '\\',
    '\\"',
    '@',
    '/',
    '//',
    ' ',
    '\t',
    '\n',
    '{',
    '}',
    '[',
    ']',
    '(',
    ')',
    ',',
    ';',
    'ms',
    's',
    'µs',
    'h',
    'm',
    'password',
    'Pass',
    'pwd',
    'secret',
    'token',
    'Token',
    'api_key',
    'api-key',
    'private',
    'bearer',
    'Bearer ',
    'basic',
    'Basic ',
    'access',
    'ccess',
    'key',
    '-----BEGIN',
    ' PRIVATE KEY-----',
    'status',
    'Status',
    'HTTP',
    'http ',
    'HTTP/1.1',
    'req',
    'request',
    'RequestId',
    'trace',
    'Trace',
    'Root=1-',
    'GET ',
    'POST ',
    'error',
    'ERROR',
    'warn',
    'no ',
    'fatal',
    'panic',
    'level=',
    'lvl=',
    'INFO',
    '[',
    'x',
    '_',
    '10.0.0.1',
    '255.255.255.255',
    '1.2.3.4.5',
    'fe80::1',
    '2001:db8::1',
    '00-',
    '4111111111111111',
    '4111 1111 1111 1111',
    '378282246310005',
    '3782 822463 10005',
    '12',
    '123',
    '2024-01-01',
    'T12:00:00Z',
    'é',
    '😀',
    '\u0000',
    'version ',
    'duration',
    'latency=',
    'sec',
    'seconds',
    '://',
    'user:pw@h',
    'x.com',
    '.com',
    'µ',
    'id',
    '_id',
    'Id',
    ': ',
    'Authorization',
    'authorization: ',
    'aws_secret_access_key',
    'SecretAccessKey',
    'REPORT RequestId: ',
    'START RequestId: ',
  ];
  for (let i = 0; i < fuzzN; i++) {
    const n = int(1, 30);
    let s = '';
    for (let k = 0; k < n; k++) s += pick(frags);
    out.push(s);
  }
  // Mutations of Loghub lines with inserted fragments.
  const lh = out.slice(0, 32000);
  for (let i = 0; i < fuzzN; i++) {
    const base = pick(lh);
    const at = int(0, base.length);
    out.push(base.slice(0, at) + pick(frags) + pick(frags) + base.slice(at));
  }
  return out;
}

/** The value of a quoted or template string literal without expressions, or undefined. */
function literalValue(source: string): string | undefined {
  const body = source.slice(1, -1);
  try {
    return JSON.parse(`"${body.replace(/\\'/g, "'").replace(/\\`/g, '`').replace(/"/g, '\\"')}"`) as string;
  } catch {
    return undefined;
  }
}
