import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePayloadJson, parseSliced } from './payloadJson.js';

/** Strings that look like the cut and the key the slicer searches for, to put them inside values. */
const tricky = fc.constantFrom('},{"', '},{"id":"1"}', '"logEvents":[', ']}', '\\', '"', '{', '}', 'é日本🚀');
const text = fc.array(fc.oneof(fc.string(), tricky), { maxLength: 6 }).map((parts) => parts.join(''));

const event = fc.record(
  {
    id: fc.string(),
    timestamp: fc.integer(),
    message: text,
    // Nested objects and arrays put `},{"` at other depths than the array's.
    extractedFields: fc.dictionary(text, fc.oneof(text, fc.jsonValue({ maxDepth: 3 }))),
    extra: fc.jsonValue({ maxDepth: 2 }),
  },
  { requiredKeys: ['id', 'timestamp', 'message'] },
);

const payload = fc.record({
  messageType: fc.constantFrom('DATA_MESSAGE', 'CONTROL_MESSAGE'),
  owner: text,
  logGroup: text,
  logStream: text,
  subscriptionFilters: fc.array(text, { maxLength: 2 }),
  logEvents: fc.array(event, { maxLength: 40 }),
});

describe('parsePayloadJson', () => {
  it('parses any payload exactly as JSON.parse does, cutting the events into small slices', () => {
    fc.assert(
      fc.property(payload, fc.integer({ min: 1, max: 200 }), (p, sliceBytes) => {
        const bytes = Buffer.from(JSON.stringify(p));
        expect(parsePayloadJson(bytes, sliceBytes)).toEqual(JSON.parse(bytes.toString()));
      }),
      { seed: 7, numRuns: 400 },
    );
  });

  it('takes the sliced path for payloads as CloudWatch writes them', () => {
    const plain = fc.string().filter((s) => !s.includes('},{'));
    const cloudWatch = fc.record({
      messageType: fc.constant('DATA_MESSAGE'),
      owner: plain,
      logGroup: plain,
      logStream: plain,
      subscriptionFilters: fc.array(plain, { maxLength: 2 }),
      logEvents: fc.array(fc.record({ id: plain, timestamp: fc.integer(), message: plain }), {
        maxLength: 40,
      }),
    });
    fc.assert(
      fc.property(cloudWatch, fc.integer({ min: 1, max: 200 }), (p, sliceBytes) => {
        const bytes = Buffer.from(JSON.stringify(p));
        const sliced = parseSliced(bytes, sliceBytes);
        expect(sliced).toBeDefined();
        expect(sliced).toEqual(JSON.parse(bytes.toString()));
      }),
      { seed: 11, numRuns: 300 },
    );
  });

  it('gives JSON.parse the last word on keys around and after the events', () => {
    const layouts = [
      '{"logEvents":5,"owner":"a","logEvents":[{"id":"1"},{"id":"2"}]}',
      '{"logEvents":[{"id":"1"},{"id":"2"}],"logEvents":[{"id":"3"},{"id":"4"}]}',
      '{"logEvents":[{"id":"1"},{"id":"2"}],"policyLevel":"ACCOUNT_LEVEL_POLICY"}',
      '{"owner":"x\\"logEvents\\":[","logEvents":[{"id":"1"},{"id":"2"}]}',
      '{"a":{"logEvents":[{"id":"1"},{"id":"2"}]}}',
      '[{"logEvents":[{"id":"1"},{"id":"2"}]}]',
      '{ "logEvents": [ {"id":"1"}, {"id":"2"} ] }',
      '{"logEvents":[]}',
    ];
    for (const json of layouts) {
      expect(parsePayloadJson(Buffer.from(json), 1), json).toEqual(JSON.parse(json));
    }
  });

  it('throws what JSON.parse throws for text that is not JSON', () => {
    const good = JSON.stringify({ owner: 'o', logEvents: [{ id: '1' }, { id: '2' }, { id: '3' }] });
    for (const json of [good.slice(0, -1), good.replace('"2"', '2"'), `${good.slice(0, -2)},]}`, '']) {
      const expected = (() => {
        try {
          JSON.parse(json);
        } catch (e) {
          return (e as Error).message;
        }
      })();
      expect(() => parsePayloadJson(Buffer.from(json), 1), json).toThrow(expected);
    }
  });

  it('cuts large payloads without changing a multi-byte character', () => {
    const events = Array.from({ length: 3000 }, (_, i) => ({ id: `${i}`, message: `é日本🚀 ${i} },{"x` }));
    const json = JSON.stringify({ logGroup: 'g', logEvents: events });
    expect(parsePayloadJson(Buffer.from(json))).toEqual(JSON.parse(json));
  });
});
