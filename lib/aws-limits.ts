// ---------------------------------------------------------------------------
// Text limits: lengths and character sets AWS accepts in the places the
// configuration's free text and names end up (tags, descriptions, IAM names
// and paths). Sources: IAM API reference (CreateRole, Tag, User and role
// names), CloudFormation template anatomy (Description), aws-cdk-lib's Stack
// and Token encoding; see `/work/shared/AWS-PITFALLS-DETECTION-AND-ACCOUNTS.md` §1.
// ---------------------------------------------------------------------------

/** The limits on text, in one place. Lengths in characters (UTF-16 code units, as the services count them) unless named bytes. */
export const AWS_TEXT_LIMITS = {
  /** A tag value (IAM, S3, KMS, CloudFormation stacks): at most 256 characters. */
  tagValueChars: 256,
  /** Characters IAM and S3 accept in a tag value: letters, digits, spaces and `_ . : / = + - @` (any script). */
  tagValuePattern: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u,
  /** An IAM role's description: at most 1,000 characters. */
  iamRoleDescriptionChars: 1000,
  /** Characters IAM accepts in a role description: tab, line breaks, printable ASCII and Latin-1 from U+00A1 (no em dash, curly quotes, NBSP, emoji, nor letters such as "Ł"). */
  iamRoleDescriptionPattern: /^[\t\n\r\x20-\x7E\xA1-\xFF]*$/,
  /** A CloudFormation template's `Description`: at most 1,024 bytes (UTF-8). */
  stackDescriptionBytes: 1024,
  /** aws-cdk-lib refuses a stack description longer than 512 characters (`StackDescriptionTooLong`), before CloudFormation's byte limit. */
  cdkStackDescriptionChars: 512,
  /** An IAM role or user name: 1 to 64 characters. */
  iamNameChars: 64,
  /** Characters of an IAM role or user name. */
  iamNamePattern: /^[\w+=,.@-]+$/,
  /** An IAM path (`/` or `/division/team/`): at most 512 characters, slashes included. */
  iamPathChars: 512,
  /**
   * What aws-cdk-lib takes for an encoded token inside a string (`${Token[...]}`
   * for strings, `#{Token[...]}` for lists): text containing one is resolved,
   * or fails, at synth instead of being written as it is.
   */
  cdkTokenMarkers: ['${Token[', '#{Token['] as readonly string[],
} as const;
