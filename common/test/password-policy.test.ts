import test from 'ava';
import { passwordPolicyViolation, passwordStrength } from '../src/contracts/password-policy.ts';

test('a one-letter e-mail name does not forbid every password with that letter', (t) => {
  t.is(passwordPolicyViolation('Lots-of-o-letters', 'o@team.test'), null);
  t.is(passwordPolicyViolation('Bob-is-here-2026', 'bob@team.test'), null, 'three letters are still too common');
});

test('a real e-mail name inside the password is refused, in any case', (t) => {
  t.is(passwordPolicyViolation('my-GRACE-2026!', 'grace@team.test'), 'password.email_name');
});

test('length, variety and distinct characters', (t) => {
  t.is(passwordPolicyViolation('Short-1', undefined), 'password.length');
  t.is(passwordPolicyViolation('alllowercase', undefined), 'password.classes');
  t.is(passwordPolicyViolation('abababab11', undefined), 'password.distinct');
});

test('strength grows with length and variety; whatever the policy refuses is too weak', (t) => {
  t.is(passwordStrength('short'), 'too weak');
  t.is(passwordStrength('abcdefgh12'), 'fair');
  t.is(passwordStrength('abcdefgh12-Z'), 'good');
  t.is(passwordStrength('correct-Horse-battery-9'), 'strong');
});
