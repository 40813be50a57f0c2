import test from 'ava';
import { passwordPolicyViolation, passwordStrength } from '../src/password-policy.ts';

test('a one-letter e-mail name does not forbid every password with that letter', (t) => {
  t.is(passwordPolicyViolation('Lots-of-o-letters', 'o@team.test'), null);
  t.is(passwordPolicyViolation('Bob-is-here-2026', 'bob@team.test'), null, 'three letters are still too common');
});

test('a real e-mail name inside the password is refused, in any case', (t) => {
  t.is(passwordPolicyViolation('my-GRACE-2026!', 'grace@team.test'), 'The password must not contain your email name');
});

test('length, variety and distinct characters', (t) => {
  t.regex(passwordPolicyViolation('Short-1', undefined) ?? '', /between 10 and 200/);
  t.regex(passwordPolicyViolation('alllowercase', undefined) ?? '', /two of/);
  t.regex(passwordPolicyViolation('abababab11', undefined) ?? '', /four different/);
});

test('strength grows with length and variety; whatever the policy refuses is too weak', (t) => {
  t.is(passwordStrength('short'), 'too weak');
  t.is(passwordStrength('abcdefgh12'), 'fair');
  t.is(passwordStrength('abcdefgh12-Z'), 'good');
  t.is(passwordStrength('correct-Horse-battery-9'), 'strong');
});
