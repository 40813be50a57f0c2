import test from 'ava';
import { anyOf, equals, isIn, quote } from '../src/adapters/meilisearch/meili-filter.ts';

/** Reads a Meilisearch double-quoted literal back, the way its filter parser does; returns the value and the rest. */
function readLiteral(text: string): { value: string; rest: string } {
  if (text[0] !== '"') throw new Error('not a literal');
  let value = '';
  for (let i = 1; i < text.length; i++) {
    if (text[i] === '\\') value += text[++i];
    else if (text[i] === '"') return { value, rest: text.slice(i + 1) };
    else value += text[i];
  }
  throw new Error('unterminated literal');
}

test('a quoted value reads back whole, whatever it contains', (t) => {
  for (const value of ['web', 'C#', 'x" OR tenantId != "y', 'a\\', '\\" OR deleted = true OR tags = \\"', "it's", '']) {
    const { value: read, rest } = readLiteral(quote(value));
    t.is(read, value);
    t.is(rest, '', 'nothing left over to become a clause');
  }
});

test('filters are one comparison per value, OR-grouped per facet', (t) => {
  t.is(equals('tenantId', 'abc'), 'tenantId = "abc"');
  t.deepEqual(anyOf('tags', ['web', 'c"li']), [['tags = "web"', 'tags = "c\\"li"']]);
  t.deepEqual(anyOf('tags', []), []);
});

test('isIn quotes every value, so an id cannot add a clause', (t) => {
  t.is(isIn('id', ['a', 'b"] OR tenantId != "x']), 'id IN ["a", "b\\"] OR tenantId != \\"x"]');
});
