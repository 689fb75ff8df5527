// The unit tier (`npm run test:unit`): plain Node through tsx, before any
// build. Its files wait on git and the disk more than they compute, so they
// run in parallel worker processes, two at least even on a two-core machine.
const os = require('node:os');

module.exports = {
  require: ['tsx/cjs'],
  spec: ['test/unit/**/*.test.ts'],
  extension: ['ts'],
  timeout: 20000,
  reporter: 'spec',
  parallel: true,
  jobs: Math.max(2, os.availableParallelism ? os.availableParallelism() : os.cpus().length),
};
