import { parse } from 'node:path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { NagRuleCompliance } from 'cdk-nag';
import { DATA_BUCKET_DEFAULTS } from '../../../defaults';
import { bucketPolicyStatements, coversBucketAndObjects, isAnyPrincipal, type Statement, statementCovers } from '../helpers';

function deniesEverything(bucket: CfnBucket, s: Statement): boolean {
  return s.Effect === 'Deny' && isAnyPrincipal(s.Principal) && statementCovers(s, 's3:*') && coversBucketAndObjects(bucket, s);
}

/**
 * Every bucket's policy denies requests without TLS and requests with TLS
 * older than 1.2, for every principal, on the bucket and its objects
 * (CDM-3.4-IN-TRANSIT).
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnBucket)) return NagRuleCompliance.NOT_APPLICABLE;
    const statements = bucketPolicyStatements(node).filter((s) => deniesEverything(node, s));
    const noTls = statements.some((s) => String(s.Condition?.Bool?.['aws:SecureTransport']) === 'false');
    const oldTls = statements.some((s) => {
      const version = Number(s.Condition?.NumericLessThan?.['s3:TlsVersion']);
      return version >= DATA_BUCKET_DEFAULTS.minimumTlsVersion;
    });
    return noTls && oldTls ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
