// Jest loads NestJS 12 (ES modules only) from CommonJS tests through its VM-modules
// loader, so `npm test` runs Node with --experimental-vm-modules (see docs/adr/0001-runtime-and-test-loader.md).
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Each test file leaks memory under the VM-modules loader; recycle workers.
  workerIdleMemoryLimit: '512MB',
  maxWorkers: 2,
  testTimeout: 30000,
};
