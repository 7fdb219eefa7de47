/**
 * The one password rule, checked by the server on every new password (invitation, change, reset)
 * and by the web client before it sends one, so the form explains what the server would refuse.
 *
 * Length over composition rules (NIST SP 800-63B): at least 10 characters, at most 1024 (the
 * sign-in schema's bound, which keeps scrypt's input small), not all one character, and not the
 * person's own e-mail address.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 1024;

/** Why a password is refused, in words for the person choosing it; null when it is acceptable. */
export function passwordProblem(password: string, email?: string): string | null {
  const chars = [...password];
  if (chars.length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (password.length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  if (new Set(chars).size === 1) return 'Use more than one repeated character.';
  if (email && password.trim().toLowerCase() === email.trim().toLowerCase())
    return 'Do not use your e-mail address as your password.';
  return null;
}
