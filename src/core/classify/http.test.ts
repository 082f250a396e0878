import { describe, expect, it } from 'vitest';
import type { Severity } from '../types.js';
import { createClassifier, createExplainer } from './index.js';

const explain = createExplainer();

const clf = (status: number) =>
  `127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" ${status} 2326`;
const combined = (status: number) =>
  `203.0.113.9 - - [01/Jan/2024:12:00:00 +0000] "POST /api/v1/login?error=1 HTTP/1.1" ${status} 512 "https://example.com/" "Mozilla/5.0"`;
const alb = (elb: number, target: string) =>
  `https 2024-01-01T12:00:00.186641Z app/my-lb/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 0.000 0.001 0.000 ${elb} ${target} 34 366 "GET https://www.example.com:443/ HTTP/1.1" "curl/7.46.0" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2`;
const elb = (status: number) =>
  `2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.000073 0.001048 0.000057 ${status} ${status} 0 29 "GET http://www.example.com:80/ HTTP/1.1" "curl/7.38.0" - -`;
const cloudFront = (status: number) =>
  `2019-12-04\t21:02:31\tLAX1\t392\t192.0.2.100\tGET\td111111abcdef8.cloudfront.net\t/index.html\t${status}\t-\tMozilla/5.0`;

describe('HTTP access logs', () => {
  const cases: Array<[string, string, Severity]> = [
    ['clf 200', clf(200), 'INFO'],
    ['clf 304', clf(304), 'INFO'],
    ['clf 404', clf(404), 'WARNING'],
    ['clf 500', clf(500), 'ERROR'],
    ['combined 503', combined(503), 'ERROR'],
    ['combined 401', combined(401), 'WARNING'],
    ['combined 200 with error in the url', combined(200), 'INFO'],
    ['clf at end of line', '10.0.0.1 - - [01/Jan/2024:00:00:00 +0000] "GET / HTTP/2.0" 502', 'ERROR'],
    [
      'clf after an earlier HTTP/ glued to a word',
      'via=proxyHTTP/1.1 10.0.0.1 - - [01/Jan/2024:00:00:00 +0000] "GET / HTTP/1.1" 503 12',
      'ERROR',
    ],
    ['alb 200', alb(200, '200'), 'INFO'],
    ['alb 502 no target', alb(502, '-'), 'ERROR'],
    ['alb 460', alb(460, '-'), 'WARNING'],
    ['elb 504', elb(504), 'ERROR'],
    ['cloudfront 200', cloudFront(200), 'INFO'],
    ['cloudfront 403', cloudFront(403), 'WARNING'],
    ['cloudfront 500', cloudFront(500), 'ERROR'],
  ];
  it.each(cases)('%s', (_name, line, expected) => {
    expect(explain(line).severity).toBe(expected);
  });

  it('explains the status', () => {
    expect(explain(clf(503)).reason).toBe('http:503');
  });

  it('does not read any three-digit number as a status', () => {
    expect(explain('took 500 ms for 404 items').severity).toBe('INFO');
    expect(explain('GET /x 500').severity).toBe('INFO');
  });

  it('lets a level in the header win over the status', () => {
    expect(explain('INFO:     127.0.0.1:5000 - "GET / HTTP/1.1" 500 Internal Server Error').severity).toBe(
      'INFO',
    );
  });
});

describe('HTTP status options', () => {
  it('maps status classes as configured', () => {
    // Prepare
    const classify = createClassifier({ httpStatus: { '4xx': 'INFO', '5xx': 'CRITICAL' } });

    // Act
    const results = [classify(clf(404)), classify(clf(500)), classify(clf(200))];

    // Assess
    expect(results).toEqual(['INFO', 'CRITICAL', 'INFO']);
  });

  it('keeps the default for a class left out', () => {
    const classify = createClassifier({ httpStatus: { '4xx': 'DEBUG' } });
    expect([classify(clf(404)), classify(clf(500))]).toEqual(['DEBUG', 'ERROR']);
  });
});
