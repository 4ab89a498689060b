import * as s3 from 'aws-cdk-lib/aws-s3';
import { Tags } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { ClientKey } from '../../../../lib/constructs/data';
import { clientFindings, clientStore, plainDataset } from '../../../util';

describe('CDB-S3ClientKeyEncryption', () => {
  const rule = 'CDB-S3ClientKeyEncryption';
  test('compliant: the client’s own rotating key', () => {
    expect(clientFindings(rule, (s) => clientStore(s))).toEqual([]);
  });
  test('non-compliant 1: S3-managed encryption', () => {
    expect(clientFindings(rule, (s) => plainDataset(s, { encryption: s3.BucketEncryption.S3_MANAGED }))).toEqual([
      `${rule} Test/Plain/Resource`,
    ]);
  });
  test('non-compliant 2: another client’s key', () => {
    const findings = clientFindings(rule, (s) => {
      const other = new ClientKey(s, 'OtherKey', { clientId: 'globex', alias: 'alias/test/globex' });
      Tags.of(other).add('client-id', 'globex', { priority: 200 });
      clientStore(s, { encryptionKey: other });
    });
    expect(findings).toEqual([`${rule} Test/Records/Resource`]);
  });
  test('non-compliant 3: a key that does not rotate', () => {
    const findings = clientFindings(rule, (s) =>
      plainDataset(s, { encryption: s3.BucketEncryption.KMS, encryptionKey: new kms.Key(s, 'NoRotation', { enableKeyRotation: false }) }),
    );
    expect(findings).toEqual([`${rule} Test/Plain/Resource`]);
  });
  test('non-compliant 4: a key from outside the stack', () => {
    const findings = clientFindings(rule, (s) =>
      plainDataset(s, {
        encryption: s3.BucketEncryption.KMS,
        encryptionKey: kms.Key.fromKeyArn(s, 'Imported', 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab'),
      }),
    );
    expect(findings).toEqual([`${rule} Test/Plain/Resource`]);
  });
});
