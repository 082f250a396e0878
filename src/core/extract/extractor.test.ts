import { describe, expect, it } from 'vitest';
import type { Fields } from '../types.js';
import { correlationIdOf, createExtractor, ExtractOptionsError, parseJsonMessage } from './index.js';

const extract = createExtractor();
const UUID = '3f1c2a4e-1b2c-4d5e-8f90-123456789abc';

/** [name, line, fields expected to be present (others may be too), fields that must be absent]. */
const cases: [string, string, Fields, string[]][] = [
  [
    'nginx combined log',
    '203.0.113.9 - - [01/May/2024:12:00:00 +0000] "GET /api/items?page=2&q=x HTTP/1.1" 404 153 "-" "curl/8.5.0"',
    {
      ip: '203.0.113.9',
      'http.method': 'GET',
      'http.path': '/api/items',
      'http.query': 'page=2&q=x',
      'http.protocol': 'HTTP/1.1',
      'http.status': 404,
    },
    ['duration_ms', 'ips'],
  ],
  [
    'Apache combined log',
    '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "POST /apache_pb.gif HTTP/1.0" 200 2326 "http://www.example.com/start.html" "Mozilla/4.08 [en] (Win98; I ;Nav)"',
    { ip: '127.0.0.1', 'http.method': 'POST', 'http.path': '/apache_pb.gif', 'http.status': 200 },
    ['http.query'],
  ],
  [
    'ALB access log',
    'https 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 0.086 0.048 0.037 502 200 0 57 "GET https://www.example.com:443/checkout?step=1 HTTP/1.1" "curl/7.46.0" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337281-1d84f3d73c47ec4e58577259" "www.example.com" "arn:aws:acm:us-east-2:123456789012:certificate/12345678-1234-1234-1234-123456789012" 1 2018-07-02T22:22:48.364000Z "authenticate,forward" "-" "-" "10.0.0.1:80" "200" "-" "-"',
    {
      ip: '192.168.131.39',
      ips: '192.168.131.39,10.0.0.1',
      'http.method': 'GET',
      'http.path': '/checkout',
      'http.query': 'step=1',
      'http.status': 502,
      duration_ms: 171,
      trace_id: '1-58337281-1d84f3d73c47ec4e58577259',
    },
    [],
  ],
  [
    'Lambda REPORT with Init Duration',
    `REPORT RequestId: ${UUID}\tDuration: 102.25 ms\tBilled Duration: 103 ms\tMemory Size: 128 MB\tMax Memory Used: 70 MB\tInit Duration: 150.33 ms\t`,
    {
      request_id: UUID,
      duration_ms: 102.25,
      'lambda.duration_ms': 102.25,
      'lambda.billed_ms': 103,
      'lambda.memory_mb': 128,
      'lambda.max_memory_mb': 70,
      'lambda.init_ms': 150.33,
      'lambda.cold_start': true,
    },
    ['lambda.status', 'uuid'],
  ],
  [
    'Lambda REPORT warm, no Init Duration',
    `REPORT RequestId: ${UUID}\tDuration: 3.58 ms\tBilled Duration: 4 ms\tMemory Size: 1024 MB\tMax Memory Used: 88 MB\t`,
    { request_id: UUID, 'lambda.duration_ms': 3.58, 'lambda.billed_ms': 4, 'lambda.memory_mb': 1024 },
    ['lambda.init_ms', 'lambda.cold_start'],
  ],
  [
    'Lambda REPORT with Status: timeout and X-Ray',
    `REPORT RequestId: ${UUID}\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\tStatus: timeout\nXRAY TraceId: 1-5759e988-bd862e3fe1be46a994272793\tSegmentId: 7c8c3ad3e0bb5b5d\tSampled: true\t`,
    {
      request_id: UUID,
      'lambda.status': 'timeout',
      'lambda.duration_ms': 3000,
      trace_id: '1-5759e988-bd862e3fe1be46a994272793',
    },
    [],
  ],
  [
    'Lambda REPORT with Status: error and Error Type',
    `REPORT RequestId: ${UUID} Duration: 12.00 ms Billed Duration: 12 ms Memory Size: 128 MB Max Memory Used: 60 MB Status: error Error Type: Runtime.ExitError`,
    { 'lambda.status': 'error', 'lambda.error_type': 'Runtime.ExitError', 'lambda.max_memory_mb': 60 },
    [],
  ],
  ['Lambda START', `START RequestId: ${UUID} Version: $LATEST`, { request_id: UUID }, ['uuid']],
  ['Lambda END', `END RequestId: ${UUID}`, { request_id: UUID }, []],
  [
    'Node.js runtime line',
    `2024-05-01T12:00:00.123Z\t${UUID}\tERROR\tInvoke Error \t{"errorType":"TypeError","errorMessage":"x is undefined"}`,
    { request_id: UUID },
    ['uuid'],
  ],
  [
    'Node.js runtime line with a JSON body',
    `2024-05-01T12:00:00.123Z\t${UUID}\tINFO\t{"msg":"charged","statusCode":402,"latency_ms":87}`,
    { request_id: UUID, msg: 'charged', statusCode: 402, 'http.status': 402, duration_ms: 87 },
    [],
  ],
  [
    'Python runtime line',
    `[ERROR]\t2024-05-01T12:00:00.123Z\t${UUID}\tDB query took 1.5s`,
    { request_id: UUID, duration_ms: 1500 },
    [],
  ],
  [
    'Lambda task timeout (space separated)',
    `2024-05-01T12:00:03.001Z ${UUID} Task timed out after 3.00 seconds`,
    { request_id: UUID, duration_ms: 3000 },
    [],
  ],
  [
    'pino-http JSON',
    '{"level":30,"time":1714564800000,"pid":7,"hostname":"ip-10-0-0-1","req":{"id":1,"method":"GET","url":"/users/7?fields=name","remoteAddress":"::ffff:10.0.0.5","remotePort":51000},"res":{"statusCode":200},"responseTime":12.5,"msg":"request completed"}',
    {
      level: 30,
      'req.method': 'GET',
      'res.statusCode': 200,
      ip: '::ffff:10.0.0.5',
      'http.method': 'GET',
      'http.path': '/users/7',
      'http.query': 'fields=name',
      'http.status': 200,
      duration_ms: 12.5,
    },
    ['time.x'],
  ],
  [
    'structlog JSON',
    '{"event": "payment failed", "level": "error", "timestamp": "2024-05-01T12:00:00Z", "request_id": "req-7f3a9c", "amount": 12.5, "retry": false, "note": null}',
    { event: 'payment failed', level: 'error', request_id: 'req-7f3a9c', amount: 12.5, retry: false },
    ['note'],
  ],
  [
    'Powertools Logger JSON',
    '{"level":"INFO","message":"order created","service":"orders","timestamp":"2024-05-01T12:00:00.000Z","cold_start":true,"function_name":"orders-fn","function_memory_size":"128","function_arn":"arn:aws:lambda:eu-west-1:123456789012:function:orders-fn","function_request_id":"c6af9ac6-7b61-11e6-9a41-93e812345678","xray_trace_id":"1-5759e988-bd862e3fe1be46a994272793"}',
    {
      cold_start: true,
      function_request_id: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
      request_id: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
      trace_id: '1-5759e988-bd862e3fe1be46a994272793',
      function_memory_size: '128',
    },
    [],
  ],
  [
    'API Gateway access log JSON',
    '{"requestId":"c6af9ac6-7b61-11e6-9a41-93e8deadbeef","ip":"198.51.100.7","requestTime":"01/May/2024:12:00:00 +0000","httpMethod":"PUT","resourcePath":"/items/{id}","status":"503","protocol":"HTTP/1.1","responseLength":"42"}',
    {
      request_id: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
      ip: '198.51.100.7',
      'http.method': 'PUT',
      'http.path': '/items/{id}',
      'http.status': 503,
      'http.protocol': 'HTTP/1.1',
    },
    [],
  ],
  [
    'Go logrus logfmt',
    'time="2024-05-01T12:00:00Z" level=error msg="upstream timeout" latency=1.2s trace_id=4bf92f3577b34da6a3ce929d0e0e4736 error_count=0',
    {
      time: '2024-05-01T12:00:00Z',
      level: 'error',
      msg: 'upstream timeout',
      latency: '1.2s',
      duration_ms: 1200,
      trace_id: '4bf92f3577b34da6a3ce929d0e0e4736',
      error_count: 0,
    },
    ['ip'],
  ],
  [
    'Heroku router logfmt',
    'at=info method=GET path="/" host=myapp.herokuapp.com request_id=8601b555-6a54-4374-8e34-b2f3b0b5e41e fwd="204.204.204.204" dyno=web.1 connect=1ms service=18ms status=200 bytes=13 protocol=https',
    {
      method: 'GET',
      status: 200,
      'http.method': 'GET',
      'http.path': '/',
      'http.status': 200,
      ip: '204.204.204.204',
      duration_ms: 18,
      request_id: '8601b555-6a54-4374-8e34-b2f3b0b5e41e',
    },
    ['http.protocol'],
  ],
  [
    'nginx logfmt with seconds',
    'remote_addr=192.0.2.1 request_time=0.123 status=504 request_uri=/slow',
    { ip: '192.0.2.1', duration_ms: 123, 'http.status': 504 },
    [],
  ],
  ['status=500 in prose', 'request failed status=500 retrying', { 'http.status': 500 }, []],
  ['status: 500', 'Response status: 502 from upstream', { 'http.status': 502 }, []],
  ['status code 503', 'Request failed with status code 503', { 'http.status': 503 }, []],
  ['HTTP 503', 'backend answered HTTP 503 Service Unavailable', { 'http.status': 503 }, []],
  [
    'morgan dev',
    'GET /api/users 304 5.123 ms - -',
    { 'http.method': 'GET', 'http.status': 304, duration_ms: 5.123 },
    [],
  ],
  ['took 123 ms', 'query took 123 ms', { duration_ms: 123 }, []],
  ['elapsed: 0.5s', 'job done elapsed: 0.5s', { duration_ms: 500 }, []],
  ['150 µs', 'cache hit in 150 µs', { duration_ms: 0.15 }, []],
  ['first duration wins', 'connect 5ms then read 20ms', { duration_ms: 5 }, []],
  [
    'X-Ray header',
    'X-Amzn-Trace-Id: Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1',
    { trace_id: '1-5759e988-bd862e3fe1be46a994272793' },
    [],
  ],
  [
    'W3C traceparent',
    'incoming traceparent 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 accepted',
    { trace_id: '4bf92f3577b34da6a3ce929d0e0e4736' },
    [],
  ],
  [
    'x-request-id header',
    'x-request-id: 0f6a3b2c-1d2e-4f50-9a8b-7c6d5e4f3a2b',
    { request_id: '0f6a3b2c-1d2e-4f50-9a8b-7c6d5e4f3a2b' },
    ['uuid'],
  ],
  ['plain UUID', `order ${UUID} shipped`, { uuid: UUID }, ['request_id']],
  [
    'IPv6 compressed',
    'client [2001:db8::8a2e:370:7334]:443 connected',
    { ip: '2001:db8::8a2e:370:7334' },
    [],
  ],
  ['timestamp is not IPv6', '2015-07-29 17:41:44,747 - INFO worker started at 12:00:00', {}, ['ip']],
  ['MAC is not IPv6', 'link up mac 00:1a:2b:3c:4d:5e', {}, ['ip']],
  ['version is not an IP', 'WcpInitialize (wcp.dll version 0.0.0.6) v6.1.7601.23505', {}, ['ip']],
  ['octets over 255', 'value 300.1.2.3 and 1.2.3.256', {}, ['ip']],
  ['one pair is prose, not logfmt', 'the value a=b was ignored', {}, ['a']],
  [
    'file path is not http.path',
    'path=/var/task/index.js line=12',
    { path: '/var/task/index.js', line: 12 },
    ['http.path'],
  ],
];

describe('createExtractor', () => {
  it.each(cases)('%s', (_name, line, expected, absent) => {
    // Act
    const fields = extract(line);
    // Assess
    expect(fields).toMatchObject(expected);
    for (const key of absent) expect(fields).not.toHaveProperty([key]);
  });

  it('uses the JSON the caller already parsed', () => {
    // Prepare
    const json = { statusCode: 201, 'x-request-id': 'r-123456' };
    // Act
    const fields = extract('not even json', json);
    // Assess
    expect(fields).toMatchObject({ statusCode: 201, 'http.status': 201, request_id: 'r-123456' });
  });

  it('keeps structured fields over derived ones', () => {
    const fields = extract('{"ip":"not-an-ip","duration_ms":7,"msg":"from 10.0.0.1 in 9ms"}');
    expect(fields.ip).toBe('not-an-ip');
    expect(fields.duration_ms).toBe(7);
  });

  it('ignores a JSON status outside 100..599', () => {
    expect(extract('{"status":"ok","statusCode":42}')).not.toHaveProperty(['http.status']);
  });

  it('bounds JSON flattening by depth, count and value length', () => {
    // Prepare
    const x = createExtractor({ maxJsonDepth: 2, maxJsonFields: 5, maxValueLength: 16 });
    const deep = JSON.stringify({ a: { b: { c: { d: 1 } } }, tags: ['x', 'y'], long: 'z'.repeat(100) });
    const wide = JSON.stringify(Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, i])));
    // Act
    const d = x(deep);
    const w = x(wide);
    // Assess
    expect(d['a.b']).toBe('{"c":{"d":1}}');
    expect(d.tags).toBe('["x","y"]');
    expect(d.long).toBe(`${'z'.repeat(15)}…`);
    expect(Object.keys(w).filter((k) => k.startsWith('k'))).toHaveLength(5);
  });

  it('bounds logfmt pairs', () => {
    const x = createExtractor({ maxLogfmtPairs: 3 });
    const fields = x(Array.from({ length: 50 }, (_, i) => `k${i}=${i}`).join(' '));
    expect(Object.keys(fields)).toEqual(['k0', 'k1', 'k2']);
  });

  it('cuts huge values', () => {
    const fields = extract(`a=1 blob=${'x'.repeat(100_000)}`);
    expect(fields.blob).toHaveLength(1024);
    expect(String(fields.blob).endsWith('…')).toBe(true);
  });

  it('does not let a __proto__ key change the prototype', () => {
    const fields = extract('{"__proto__":{"polluted":true},"a":1}');
    expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
    expect(fields).toEqual({ a: 1 });
  });

  it.each([{ maxJsonFields: 0 }, { maxJsonDepth: 1.5 }, { maxValueLength: 1 }])(
    'rejects bad options %o',
    (options) => {
      expect(() => createExtractor(options)).toThrow(ExtractOptionsError);
    },
  );
});

describe('parseJsonMessage', () => {
  it.each([
    [' {"a":1} ', { a: 1 }],
    ['{"a":{"b":[1]}}', { a: { b: [1] } }],
    ['[1,2]', undefined],
    ['{not json}', undefined],
    ['{"a":1} trailing', undefined],
    ['plain text', undefined],
    ['', undefined],
  ])('%j', (text, expected) => {
    expect(parseJsonMessage(text)).toEqual(expected);
  });
});

describe('correlationIdOf', () => {
  it.each<[Fields, string | undefined]>([
    [{ request_id: 'r1', trace_id: 't1' }, 'r1'],
    [{ trace_id: 't1', correlation_id: 'c1' }, 't1'],
    [{ correlationId: 'c2' }, 'c2'],
    [{ request_id: '', trace_id: 't2' }, 't2'],
    [{ request_id: 42 }, '42'],
    [{ uuid: '3f1c2a4e-1b2c-4d5e-8f90-123456789abc' }, undefined],
    [{}, undefined],
  ])('%o -> %s', (fields, expected) => {
    expect(correlationIdOf(fields)).toBe(expected);
  });

  it('correlates a REPORT line and a runtime line of the same invocation', () => {
    const report = extract(
      `REPORT RequestId: ${UUID}\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\t`,
    );
    const log = extract(`2024-05-01T12:00:00.123Z\t${UUID}\tINFO\thello`);
    expect(correlationIdOf(report)).toBe(UUID);
    expect(correlationIdOf(log)).toBe(UUID);
  });
});
