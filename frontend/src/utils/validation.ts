export const MIN_PASSWORD = 8;

export function isEmail(value: string): boolean {
  return /^\S+@\S+\.\S+$/.test(value.trim());
}
