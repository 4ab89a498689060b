import { allFeaturesBut, dataStack, detectionStackOf, findings } from './fixtures';

describe('CDB-AccessAnalyzerCoversClientData', () => {
  const rule = 'CDB-AccessAnalyzerCoversClientData';
  test('compliant: an external access analyzer in the dataset’s account and region, and nothing else', () => {
    expect(
      findings(rule, (app) => {
        dataStack(app);
        detectionStackOf(app, ['accessAnalysis']);
      }),
    ).toEqual([]);
  });
  test('non-compliant: every other detection feature there, but not this one', () => {
    expect(
      findings(rule, (app) => {
        dataStack(app);
        detectionStackOf(app, allFeaturesBut('accessAnalysis'));
      }),
    ).toEqual([`${rule} Data/Dataset/Resource`]);
  });
});
