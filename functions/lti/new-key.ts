import { newPrivateJwk } from './tool-key.ts';

/**
 * `npx tsx functions/lti/new-key.ts` prints a new private JWK for the tool: the value of the AWS secret (docs/lti.md).
 * It goes to stdout only, to be piped into the secret; nothing is written to disk.
 */
process.stdout.write(`${JSON.stringify(await newPrivateJwk())}\n`);
