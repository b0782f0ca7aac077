/** Webhook and registry names: ACR's rule, 5 to 50 lowercase letters or digits. */
export const NAME_PATTERN = /^[a-z0-9]+$/;
export const NAME_MIN_LENGTH = 5;
export const NAME_MAX_LENGTH = 50;

/** Returns why `name` is not a valid resource name, or null when it is. */
export const nameProblem = (name: string): string | null => {
  if (name.length === 0) return "Enter a name.";
  if (!NAME_PATTERN.test(name)) return "Use only lowercase letters (a-z) and digits (0-9).";
  if (name.length < NAME_MIN_LENGTH || name.length > NAME_MAX_LENGTH) {
    return `Use ${NAME_MIN_LENGTH} to ${NAME_MAX_LENGTH} characters (this one has ${name.length}).`;
  }
  return null;
};
