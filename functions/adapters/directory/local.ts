import type { User } from '../../auth/user.ts';
import type { Directory, DirectoryUser } from '../../ports/directory.ts';

/**
 * Local mode's directory: a learner imported by email becomes a local issuer user whose id is the email (so a
 * re-import after a restart links the same memberships); `register` makes them able to sign in.
 */
export function createLocalDirectory(register: (user: User) => void, known: readonly User[] = []): Directory {
  const byEmail = new Map<string, DirectoryUser>();
  for (const u of known) if (u.id.includes('@')) byEmail.set(u.id, { id: u.id, email: u.id, name: u.name });
  return {
    findByEmail: (email) => Promise.resolve(byEmail.get(email.toLowerCase())),
    ensureLearner({ email, name }) {
      const key = email.toLowerCase();
      const found = byEmail.get(key);
      if (found) return Promise.resolve({ user: found, created: false });
      const user: DirectoryUser = { id: key, email: key, name };
      byEmail.set(key, user);
      register({ id: key, name, roles: ['learner'] });
      return Promise.resolve({ user, created: true });
    },
  };
}
