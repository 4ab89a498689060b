import {
  deployedShape,
  iamPolicyChars,
  KNOWN_REGIONS,
  policyBytes,
  PSEUDO_PARAMETER_LENGTHS,
  REFERENCE_LENGTH,
} from '../../../../lib/internal';

describe('policy size measurement', () => {
  test('references count as the longest ARN they could deploy as, pseudo parameters as their longest value; joins are rendered', () => {
    expect(deployedShape({ Ref: 'X' })).toBe('x'.repeat(REFERENCE_LENGTH));
    expect(deployedShape({ 'Fn::GetAtt': ['Role', 'Arn'] })).toBe('x'.repeat(REFERENCE_LENGTH));
    expect(deployedShape({ Ref: 'AWS::StackName' })).toBe('x'.repeat(REFERENCE_LENGTH)); // up to 128: not a short one
    expect(deployedShape({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::b']] })).toBe('arn:xxxxxxxxxx:s3:::b'); // aws-us-gov
    expect(deployedShape({ 'Fn::Join': [':', [{ Ref: 'AWS::Region' }, { Ref: 'AWS::AccountId' }, { Ref: 'AWS::URLSuffix' }]] })).toBe(
      ['x'.repeat(14), 'x'.repeat(12), 'x'.repeat(16)].join(':'),
    );
    // Each at least as long as every value it can take.
    for (const value of ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso-b', 'aws-eusc'])
      expect(value.length).toBeLessThanOrEqual(PSEUDO_PARAMETER_LENGTHS['AWS::Partition']);
    for (const value of KNOWN_REGIONS) expect(value.length).toBeLessThanOrEqual(PSEUDO_PARAMETER_LENGTHS['AWS::Region']);
    for (const value of ['amazonaws.com', 'amazonaws.com.cn', 'c2s.ic.gov', 'sc2s.sgov.gov'])
      expect(value.length).toBeLessThanOrEqual(PSEUDO_PARAMETER_LENGTHS['AWS::URLSuffix']);
    expect(policyBytes({ a: 'é' })).toBe(10);
    expect(iamPolicyChars({ a: 'b c' })).toBe(10); // {"a":"bc"}
  });
});
