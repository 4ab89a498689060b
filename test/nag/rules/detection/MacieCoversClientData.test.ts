import { allFeaturesBut, dataStack, detectionStackOf, findings } from './fixtures';

describe('CDB-MacieCoversClientData', () => {
  const rule = 'CDB-MacieCoversClientData';
  test('compliant: a Macie session in the dataset’s account and region, and nothing else', () => {
    expect(
      findings(rule, (app) => {
        dataStack(app);
        detectionStackOf(app, ['sensitiveDataDiscovery']);
      }),
    ).toEqual([]);
  });
  test('non-compliant: every other detection feature there, but not this one', () => {
    expect(
      findings(rule, (app) => {
        dataStack(app);
        detectionStackOf(app, allFeaturesBut('sensitiveDataDiscovery'));
      }),
    ).toEqual([`${rule} Data/Dataset/Resource`]);
  });
});
