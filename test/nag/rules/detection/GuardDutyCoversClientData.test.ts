import { allFeaturesBut, dataStack, detectionStackOf, findings } from './fixtures';

describe('CDB-GuardDutyCoversClientData', () => {
  const rule = 'CDB-GuardDutyCoversClientData';
  test('compliant: a GuardDuty detector with S3 Protection in the dataset’s account and region, and nothing else', () => {
    expect(
      findings(rule, (app) => {
        dataStack(app);
        detectionStackOf(app, ['threatDetection']);
      }),
    ).toEqual([]);
  });
  test('non-compliant: every other detection feature there, but not this one', () => {
    expect(
      findings(rule, (app) => {
        dataStack(app);
        detectionStackOf(app, allFeaturesBut('threatDetection'));
      }),
    ).toEqual([`${rule} Data/Dataset/Resource`]);
  });
});
