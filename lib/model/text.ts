/**
 * Free text of the configuration, checked against every place it ends up
 * (AWS's limits in `lib/aws-limits.ts`), so that AWS never refuses it later:
 * at synth (aws-cdk-lib, a token look-alike), at deploy (IAM, CloudFormation)
 * or at run time.
 */
import { z } from 'zod';
import { AWS_TEXT_LIMITS } from '../aws-limits';

/** Control characters (line breaks, escape sequences): refused in every one-line text. */
const CONTROL = /\p{Cc}/u;

/** The characters of a text that a predicate refuses, each once, quoted, e.g. `"<", "#"`. */
function refusedCharacters(text: string, allowed: (character: string) => boolean): string {
  const refused = [...new Set([...text].filter((c) => !allowed(c)))];
  return refused
    .slice(0, 8)
    .map((c) => JSON.stringify(c))
    .join(', ')
    .concat(refused.length > 8 ? ', ...' : '');
}

/** The token marker a text contains, if any. */
export function tokenLookAlike(text: string): string | undefined {
  return AWS_TEXT_LIMITS.cdkTokenMarkers.find((marker) => text.includes(marker));
}

const tagCharacter = (c: string) => AWS_TEXT_LIMITS.tagValuePattern.test(c);
const descriptionCharacter = (c: string) => AWS_TEXT_LIMITS.iamRoleDescriptionPattern.test(c);

/**
 * Text recorded on a role, both as a tag value and in the role's description
 * (break-glass approver and ticket): validated, never rewritten. At most 256
 * characters of letters (Latin-1), digits, spaces and `_ . : / = + - @`.
 *
 * @param missing the message when it is absent or blank
 */
export function recordedText(missing: string) {
  return z
    .string({ message: missing })
    .trim()
    .min(1, { message: missing })
    .max(AWS_TEXT_LIMITS.tagValueChars, {
      message: `expected at most ${AWS_TEXT_LIMITS.tagValueChars} characters (it is an IAM tag value)`,
    })
    .superRefine((text, context) => {
      const allowed = (c: string) => tagCharacter(c) && descriptionCharacter(c);
      if ([...text].every(allowed)) return;
      context.addIssue({
        code: 'custom',
        message: `contains ${refusedCharacters(text, allowed)}, which IAM refuses in a tag value or a role description; allowed: letters (Latin-1 only, so not e.g. "Ł"), digits, spaces and _ . : / = + - @`,
      });
    });
}

/**
 * Descriptive text (a display name, an approver in the erasure record): any
 * printable text, validated, never rewritten: no control characters,
 * nothing aws-cdk-lib would take for a token, and at most `max` characters
 * when given (where it ends up with a limit of its own, e.g. a stack
 * description, the semantic checks measure that).
 */
export function descriptiveText(missing: string, max?: number) {
  const text = z.string({ message: missing }).trim().min(1, { message: missing });
  return (max === undefined ? text : text.max(max, { message: `expected at most ${max} characters` })).superRefine((text, context) => {
    if (CONTROL.test(text)) {
      context.addIssue({
        code: 'custom',
        message: `contains control characters (${refusedCharacters(text, (c) => !CONTROL.test(c))}); expected one line of printable text`,
      });
    }
    const marker = tokenLookAlike(text);
    if (marker !== undefined) {
      context.addIssue({
        code: 'custom',
        message: `contains "${marker}", which aws-cdk-lib would read as an unresolved token; write it another way`,
      });
    }
  });
}

/**
 * Problems of a text that ends up as a CloudFormation stack description:
 * at most 1,024 bytes (CloudFormation) and 512 characters (aws-cdk-lib).
 *
 * @returns one message per limit crossed; empty when it fits
 */
export function stackDescriptionProblems(description: string): string[] {
  const problems: string[] = [];
  const bytes = Buffer.byteLength(description, 'utf8');
  if (description.length > AWS_TEXT_LIMITS.cdkStackDescriptionChars) {
    problems.push(`${description.length} characters; aws-cdk-lib allows at most ${AWS_TEXT_LIMITS.cdkStackDescriptionChars}`);
  }
  if (bytes > AWS_TEXT_LIMITS.stackDescriptionBytes) {
    problems.push(`${bytes} bytes (UTF-8); CloudFormation allows at most ${AWS_TEXT_LIMITS.stackDescriptionBytes}`);
  }
  return problems;
}
