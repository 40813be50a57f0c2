import { PASSWORD_MIN, passwordStrength } from '@pocdojo/common/password-policy';
import { useMessages } from '../i18n/useMessages.ts';
import { Field, type FieldProps } from './Field.tsx';

const levels = {
  'too weak': { value: 0, key: 'password.strength.too_weak' },
  fair: { value: 1, key: 'password.strength.fair' },
  good: { value: 2, key: 'password.strength.good' },
  strong: { value: 3, key: 'password.strength.strong' },
} as const;

/**
 * A new-password field that shows the policy from the start and, while typing,
 * how strong the password is (the same policy the server enforces, from
 * common), so nobody learns the rules from a refused sign-up.
 */
export function PasswordField({ email, value, ...props }: FieldProps & { email?: string; value: string }) {
  const { t } = useMessages();
  const strength = value ? passwordStrength(value, email) : null;
  return (
    <div className="password-field">
      <Field
        type="password"
        autoComplete="new-password"
        hint={t('password.policy', { min: PASSWORD_MIN })}
        value={value}
        {...props}
      />
      <p
        className={`password-strength password-strength--${strength?.replace(' ', '-') ?? 'empty'}`}
        aria-live="polite"
      >
        {strength && (
          <>
            {t('password.strength')} <strong>{t(levels[strength].key)}</strong>
            <meter min={0} max={3} low={1} high={2} optimum={3} value={levels[strength].value} aria-hidden="true" />
          </>
        )}
      </p>
    </div>
  );
}
