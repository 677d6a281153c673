import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  type AttributeType,
} from '@aws-sdk/client-cognito-identity-provider';
import { msg } from '../../../core/i18n.ts';
import { logger } from '../../observability/logger.ts';
import type { Directory, DirectoryUser } from '../../ports/directory.ts';
import { DomainError } from '../../service/errors.ts';

/** The group of learners (cdk/constructs/identity.ts); users in no group are learners too (functions/auth/cognito.ts). */
const LEARNERS_GROUP = 'learners';

/**
 * The operations this adapter calls, for the API function's policy (cdk/constructs/identity.ts grants exactly these,
 * on the pool only).
 */
export const COGNITO_DIRECTORY_ACTIONS = [
  'cognito-idp:AdminGetUser',
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminAddUserToGroup',
] as const;

const isNamed = (err: unknown, name: string) => err instanceof Error && err.name === name;

/** A user as the app's sessions know them: the id is the `sub` claim (functions/auth/cognito.ts). */
function toUser(email: string, attributes: AttributeType[] | undefined): DirectoryUser | undefined {
  const attr = (name: string) => attributes?.find((a) => a.Name === name)?.Value;
  const id = attr('sub');
  return id ? { id, email: attr('email') ?? email, name: attr('name') ?? email } : undefined;
}

/** Cognito failed or answered without the user's `sub`: the import stops there, and repeating it goes on from there. */
function unavailable(email: string, cause: unknown): DomainError {
  const what = cause instanceof Error ? cause.name : 'no user id in the response';
  logger.warn('Cognito directory call failed', { email, error: cause instanceof Error ? cause : String(cause) });
  return new DomainError(
    'unavailable',
    msg(
      `사용자 디렉터리(Cognito)가 ${email} 사용자를 찾거나 만들지 못했습니다(${what}). 이미 가져온 행은 그대로이니, 잠시 뒤 같은 파일을 다시 가져오세요.`,
      `The user directory (Cognito) could not find or create ${email} (${what}). Rows already imported stay; import the same file again later.`,
    ),
    { reason: 'directory_unavailable' },
  );
}

/**
 * The roster import's directory on AWS: the course's user pool. The pool signs in with the email as username
 * (`signInAliases: { email: true }`), so a learner is looked up by email directly. A new learner gets Cognito's
 * invitation mail (a temporary password for the hosted UI) and joins the learners group; an existing user is left
 * as they are. The SDK's default retries are the only ones.
 */
export function createCognitoDirectory(
  userPoolId: string,
  client: CognitoIdentityProviderClient = new CognitoIdentityProviderClient({}),
): Directory {
  const find = async (email: string): Promise<DirectoryUser | undefined> => {
    let res;
    try {
      res = await client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: email }));
    } catch (err) {
      if (isNamed(err, 'UserNotFoundException')) return undefined;
      throw unavailable(email, err);
    }
    const user = toUser(email, res.UserAttributes);
    if (!user) throw unavailable(email, undefined);
    return user;
  };

  return {
    findByEmail: (email) => find(email.toLowerCase()),
    async ensureLearner(entry) {
      const email = entry.email.toLowerCase();
      let res;
      try {
        res = await client.send(
          new AdminCreateUserCommand({
            UserPoolId: userPoolId,
            Username: email,
            UserAttributes: [
              { Name: 'email', Value: email },
              { Name: 'email_verified', Value: 'true' },
              { Name: 'name', Value: entry.name },
            ],
            DesiredDeliveryMediums: ['EMAIL'],
          }),
        );
      } catch (err) {
        if (!isNamed(err, 'UsernameExistsException')) throw unavailable(email, err);
        const existing = await find(email);
        // Taken, then gone before the read: a rare race; the import's repeat settles it.
        if (!existing) throw unavailable(email, err);
        return { user: existing, created: false };
      }
      const user = toUser(email, res.User?.Attributes);
      if (!user || !res.User?.Username) throw unavailable(email, undefined);
      try {
        await client.send(
          new AdminAddUserToGroupCommand({
            UserPoolId: userPoolId,
            Username: res.User.Username,
            GroupName: LEARNERS_GROUP,
          }),
        );
      } catch (err) {
        throw unavailable(email, err);
      }
      return { user, created: true };
    },
  };
}
