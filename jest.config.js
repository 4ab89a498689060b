/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  testTimeout: 120000,
  // Both cores: jest's default leaves one idle on a 2-core machine, and the suite is CPU-bound synths.
  maxWorkers: 2,
};
