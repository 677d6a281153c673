/** A variable the stack always sets; missing means a broken deployment, so fail the cold start loudly. */
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
}
