import { allFeaturesBut, dataStack, detectionStackOf, findings } from './fixtures';

describe('CDB-PostureCoversClientData', () => {
  const rule = 'CDB-PostureCoversClientData';
  test('compliant: a Security Hub hub with its standards and a complete Config recorder in the dataset’s account and region, and nothing else', () => {
    expect(
      findings(rule, (app) => {
        dataStack(app);
        detectionStackOf(app, ['posture']);
      }),
    ).toEqual([]);
  });
  test('non-compliant: every other detection feature there, but not this one', () => {
    expect(
      findings(rule, (app) => {
        dataStack(app);
        detectionStackOf(app, allFeaturesBut('posture'));
      }),
    ).toEqual([`${rule} Data/Dataset/Resource`]);
  });
});
