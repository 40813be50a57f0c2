import { PASSWORD_POLICY_TEXT, passwordStrength } from '@pocdojo/common/contracts/password-policy';
import { Field, type FieldProps } from './Field.tsx';

/**
 * A new-password field that shows the policy from the start and, while typing,
 * how strong the password is (the same policy the server enforces, from
 * common), so nobody learns the rules from a refused sign-up.
 */
export function PasswordField({ email, value, ...props }: FieldProps & { email?: string; value: string }) {
  const strength = value ? passwordStrength(value, email) : null;
  return (
    <div className="password-field">
      <Field type="password" autoComplete="new-password" hint={PASSWORD_POLICY_TEXT} value={value} {...props} />
      <p
        className={`password-strength password-strength--${strength?.replace(' ', '-') ?? 'empty'}`}
        aria-live="polite"
      >
        {strength && (
          <>
            Strength: <strong>{strength}</strong>
            <meter min={0} max={3} low={1} high={2} optimum={3} value={levels[strength]} aria-hidden="true" />
          </>
        )}
      </p>
    </div>
  );
}

const levels = { 'too weak': 0, fair: 1, good: 2, strong: 3 } as const;
