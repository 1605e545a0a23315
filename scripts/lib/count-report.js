// Prints "<passed> <failed>" from a Jest or Playwright JSON report.
const fs = require('fs');

const report = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
if (report.stats) {
  // Playwright
  const { expected, unexpected, flaky } = report.stats;
  console.log(`${expected + flaky} ${unexpected}`);
} else {
  // Jest
  console.log(`${report.numPassedTests} ${report.numFailedTests}`);
}
