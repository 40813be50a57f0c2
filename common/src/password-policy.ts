/**
 * The password policy, in one home: platform-api enforces it, the web app
 * explains it while the user types. Length first (NIST SP 800-63B): 10–200
 * characters, not all one character class, at least four different
 * characters, and not the e-mail's name when that name is long enough to be
 * a real guess (a one-letter name like "o@team.test" would otherwise forbid
 * every password with an "o" in it).
 */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
/** E-mail names shorter than this are too common as substrings to forbid. */
export const EMAIL_NAME_MIN = 4;

const CLASSES = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/] as const;

/** Why a password is refused: a key of the message catalogues (`password.length` names PASSWORD_MIN/MAX). */
export type PasswordViolation = 'password.length' | 'password.classes' | 'password.distinct' | 'password.email_name';

/** The policy's verdict, or null when the password is acceptable. */
export function passwordPolicyViolation(password: string, email?: string): PasswordViolation | null {
  if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) return 'password.length';
  const classes = CLASSES.filter((re) => re.test(password)).length;
  if (classes < 2) return 'password.classes';
  if (new Set(password).size < 4) return 'password.distinct';
  const name = email?.toLowerCase().split('@')[0] ?? '';
  if (name.length >= EMAIL_NAME_MIN && password.toLowerCase().includes(name)) return 'password.email_name';
  return null;
}

export type PasswordStrength = 'too weak' | 'fair' | 'good' | 'strong';

/**
 * A hint for the user while typing, not a second policy: anything the policy
 * refuses is "too weak"; above it, length and variety make it stronger.
 */
export function passwordStrength(password: string, email?: string): PasswordStrength {
  if (passwordPolicyViolation(password, email)) return 'too weak';
  const classes = CLASSES.filter((re) => re.test(password)).length;
  const points = (password.length >= 14 ? 1 : 0) + (password.length >= 20 ? 1 : 0) + (classes >= 3 ? 1 : 0);
  return points >= 2 ? 'strong' : points === 1 ? 'good' : 'fair';
}
