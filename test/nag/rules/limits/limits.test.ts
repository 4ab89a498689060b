import { deployedShape, iamPolicyChars, policyBytes, REFERENCE_LENGTH } from '../../../../lib/internal';

describe('policy size measurement', () => {
  test('references count as the longest ARN they could deploy as; joins are rendered', () => {
    expect(deployedShape({ Ref: 'X' })).toBe('x'.repeat(REFERENCE_LENGTH));
    expect(deployedShape({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::b']] })).toBe(
      `arn:${'x'.repeat(REFERENCE_LENGTH)}:s3:::b`,
    );
    expect(policyBytes({ a: 'é' })).toBe(10);
    expect(iamPolicyChars({ a: 'b c' })).toBe(10); // {"a":"bc"}
  });
});
