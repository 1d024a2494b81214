import type { IRun } from 'n8n-workflow';

import type { WorkflowRunResult } from './types';

/** Reads a finished run the way tests ask about it: per node, last run, main output 0. */
export function toWorkflowRunResult(run: IRun): WorkflowRunResult {
	const { runData, error } = run.data.resultData;
	const lastRun = (nodeName: string) => runData[nodeName]?.at(-1);
	return {
		status: run.status,
		error,
		runData,
		output: (nodeName) => lastRun(nodeName)?.data?.main?.[0] ?? [],
		nodeError: (nodeName) => lastRun(nodeName)?.error,
	};
}
