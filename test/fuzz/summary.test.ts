import { knownFailures, tallies } from './tally';

// A root hook: runs once after every fuzz suite.
after(function () {
  let passed = 0;
  let failed = 0;
  console.log('\n  fuzz cases by suite and mutation kind:');
  for (const [key, tally] of [...tallies.entries()].sort()) {
    passed += tally.passed;
    failed += tally.failed;
    console.log(`    ${key.padEnd(32)} ${String(tally.passed + tally.failed).padStart(6)} cases, ${String(tally.failed).padStart(4)} failed, ${(tally.ms / 1000).toFixed(1).padStart(7)} s`);
  }
  for (const [id, count] of knownFailures) console.log(`    known bug ${id}: ${count} case(s) (see test/fuzz/knownBugs.ts)`);
  console.log(`\n  ${passed} passed, ${failed} failed`);
});
