/**
 * IAM principal ARNs as IAM writes them: `arn:aws:iam::<account>:root`, or
 * `arn:aws:iam::<account>:role/<path><name>` (and `user/...`), where the path
 * is `/` or `/segment/.../` of at most 512 characters and the name 1 to 64
 * characters of letters, digits and `_ + = , . @ -` (IAM's user and role
 * names). Path segments use the name characters too (IAM allows more
 * printable ASCII; the baseline keeps wildcard-like characters out of trust
 * policies).
 */
import { AWS_TEXT_LIMITS } from '../aws-limits';

/** The grammar as one pattern (path length aside), for JSON Schema: editors check ARNs as they are typed. */
export const IAM_PRINCIPAL_ARN_PATTERN = /^arn:aws:iam::\d{12}:(root|(role|user)\/([\w+=,.@-]+\/)*[\w+=,.@-]{1,64})$/;

const EXAMPLE = 'e.g. "arn:aws:iam::111111111111:role/acme-ops" or "arn:aws:iam::111111111111:role/ops/acme-ops"';
const PREFIX = /^arn:aws:iam::(\d{12}):(.*)$/s;

/**
 * What is wrong with a principal ARN, if anything.
 *
 * @returns a message naming the part that is wrong and what is allowed; `undefined` for a valid ARN
 */
export function iamPrincipalArnProblem(arn: string): string | undefined {
  const match = PREFIX.exec(arn);
  if (match === null) return `expected an IAM role, user or account root ARN "arn:aws:iam::<12-digit account>:role/<name>", ${EXAMPLE}`;
  const resource = match[2];
  if (resource === 'root') return undefined;
  const kind = /^(role|user)(\/.*)$/s.exec(resource);
  if (kind === null) return `expected "root", "role/<path><name>" or "user/<path><name>" after the account, ${EXAMPLE}`;
  const pathAndName = kind[2];
  const lastSlash = pathAndName.lastIndexOf('/');
  const path = pathAndName.slice(0, lastSlash + 1);
  const name = pathAndName.slice(lastSlash + 1);
  const { iamNameChars, iamNamePattern, iamPathChars } = AWS_TEXT_LIMITS;
  if (name === '')
    return `the ${kind[1]} name after the last "/" is empty; expected 1 to ${iamNameChars} characters of letters, digits and _+=,.@-, ${EXAMPLE}`;
  if (name.length > iamNameChars) return `the ${kind[1]} name is ${name.length} characters; IAM allows 1 to ${iamNameChars}`;
  if (!iamNamePattern.test(name)) return `the ${kind[1]} name has characters IAM refuses; allowed: letters, digits and _+=,.@-`;
  if (path.length > iamPathChars) return `the path is ${path.length} characters; IAM allows at most ${iamPathChars}`;
  const segments = path.slice(1, -1);
  if (path !== '/' && !segments.split('/').every((s) => iamNamePattern.test(s))) {
    return `the path must be "/" or "/segment/.../" of letters, digits and _+=,.@- (no empty segment)`;
  }
  return undefined;
}
