// Ends every jest run with one plain line, "<tier>: N passed, N failed", that CI logs can be read by.
class SummaryReporter {
	constructor(globalConfig, options) {
		this.tier = (options && options.tier) || 'tests';
	}

	onRunComplete(_, results) {
		const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
		process.stdout.write(`\n${this.tier}: ${results.numPassedTests} passed, ${failed} failed\n`);
	}
}

module.exports = SummaryReporter;
