import * as sns from 'aws-cdk-lib/aws-sns';
import { Tags } from 'aws-cdk-lib';
import { clientFindings, clientStore, packFindings } from '../../../util';

describe('CDB-ClientResourceTagged', () => {
  const rule = 'CDB-ClientResourceTagged';
  test('compliant: everything in the client stack carries the client id', () => {
    expect(clientFindings(rule, (s) => clientStore(s))).toEqual([]);
  });
  test('not applicable: resources outside client stacks', () => {
    expect(packFindings(rule, (s) => new sns.Topic(s, 'Topic'))).toEqual([]);
  });
  test('non-compliant: a resource whose client tag was removed', () => {
    expect(
      clientFindings(rule, (s) => {
        clientStore(s);
        Tags.of(new sns.Topic(s, 'Untagged')).remove('client-id', { priority: 300 });
      }),
    ).toEqual([`${rule} Test/Untagged/Resource`]);
  });
});
