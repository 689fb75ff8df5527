// The unit tier (`npm run test:unit`): plain Node through tsx, before any
// build. Its files wait on git and the disk more than they compute, so they
// run in parallel worker processes, two at least even on a two-core machine.
// Its time-out stops a test that hangs, stretched while more processes wait
// than there are cores (test/unit/helpers/cpuBound.ts): no test asserts on the clock.
const os = require('node:os');
require('tsx/cjs');
const { cpuBound } = require('./test/unit/helpers/cpuBound.ts');

module.exports = {
  require: ['tsx/cjs'],
  spec: ['test/unit/**/*.test.ts'],
  extension: ['ts'],
  timeout: cpuBound(20000),
  reporter: 'spec',
  parallel: true,
  jobs: Math.max(2, os.availableParallelism ? os.availableParallelism() : os.cpus().length),
};
