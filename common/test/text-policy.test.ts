import test from 'ava';
import { textPolicyViolation, unstorableText } from '../src/contracts/text-policy.ts';

test('ordinary text of every script passes, emoji and astral characters included', (t) => {
  for (const text of ['Ação', '中文', '😀 👩‍💻', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', 'U+FFFD � is fine', '']) {
    t.is(textPolicyViolation(text), null, text);
  }
  t.is(textPolicyViolation('line one\n\tline two\r\n', { multiline: true }), null);
});

test('NUL, unpaired surrogates and noncharacters are refused everywhere', (t) => {
  for (const text of ['a\u0000b', 'x\uD800', '\uDC00y', 'a\uFFFF', 'a\uFFFE', '\uFDD0', '\u{10FFFF}', '\u{1FFFE}']) {
    t.truthy(unstorableText(text), JSON.stringify(text));
    t.truthy(textPolicyViolation(text, { multiline: true }), JSON.stringify(text));
  }
  t.is(unstorableText('tab\tand\u001b escape'), null, 'controls are a field matter, not a transport one');
});

test('controls: none in single-line text; only tab and line breaks in multi-line text', (t) => {
  t.truthy(textPolicyViolation('title\nsecond line'));
  t.truthy(textPolicyViolation('tab\there'));
  t.truthy(textPolicyViolation('bell\u0007', { multiline: true }));
  t.truthy(textPolicyViolation('escape\u001b[31m', { multiline: true }));
  t.truthy(textPolicyViolation('c1\u0085', { multiline: true }));
  t.is(textPolicyViolation('a\tb\nc\rd', { multiline: true }), null);
});
