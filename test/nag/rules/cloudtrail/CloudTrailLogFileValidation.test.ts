import { packFindings } from '../../../util';
import { plainTrail } from './fixtures';

describe('CDB-CloudTrailLogFileValidation', () => {
  test.each<[string, boolean | undefined]>([
    ['validation off', false],
    ['validation unset (CloudFormation default: off)', undefined],
  ])('refuses %s', (_name, enableLogFileValidation) => {
    expect(packFindings('CDB-CloudTrailLogFileValidation', (stack) => plainTrail(stack, { enableLogFileValidation }))).toEqual([
      'CDB-CloudTrailLogFileValidation Test/Trail',
    ]);
  });
});
