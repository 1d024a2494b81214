import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type { IRun, IWorkflowBase } from 'n8n-workflow';
import { createRunExecutionData, Workflow } from 'n8n-workflow';

import { createAdditionalData } from './additional-data';
import { PackageCredentialTypes } from './credential-types';
import { HarnessCredentialsHelper } from './credentials-helper';
import { PackageNodeTypes } from './node-types';
import { loadPackage } from './package-loader';
import type { RunWorkflowOptions, WorkflowRunResult } from './types';
import { toWorkflowRunResult } from './workflow-run-result';

let executionCount = 0;

/** Runs the nodes through n8n-core's WorkflowExecute, starting at one node with the given items. */
export async function runWorkflow(options: RunWorkflowOptions): Promise<WorkflowRunResult> {
	const loader = await loadPackage(options.packageDir);
	// Workflow writes parameter defaults into the nodes it gets: keep the caller's objects as they were.
	const nodes = structuredClone(options.nodes);
	const connections = options.connections ?? {};
	const workflow = new Workflow({
		id: 'harness-workflow',
		name: 'Harness workflow',
		nodes,
		connections,
		nodeTypes: new PackageNodeTypes(loader, options.nodeTypes),
		active: false,
		settings: options.settings,
	});

	const startName = options.startNode ?? nodes[0]?.name;
	const startNode = startName === undefined ? null : workflow.getNode(startName);
	if (!startNode) throw new Error(`Start node "${startName}" is not in the workflow`);

	const hooks = new ExecutionLifecycleHooks(
		'manual',
		`${++executionCount}`,
		workflowData(workflow),
	);
	// n8n reports a finished run through this hook, not only through the returned promise.
	const finished = new Promise<IRun>((resolve) => {
		hooks.addHandler('workflowExecuteAfter', (run) => resolve(run));
	});

	const credentialsHelper = new HarnessCredentialsHelper(
		new PackageCredentialTypes(loader),
		options.credentials,
	);
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{ node: startNode, data: { main: [options.inputItems ?? [{ json: {} }]] }, source: null },
			],
		},
	});
	const execution = new WorkflowExecute(
		createAdditionalData(credentialsHelper, hooks),
		'manual',
		runExecutionData,
	);
	const running = execution.processRunExecutionData(workflow);
	// As the editor's Stop button does: n8n aborts the execution's cancel signal.
	if (options.cancelAfterMs !== undefined)
		setTimeout(() => running.cancel(), options.cancelAfterMs);
	await running.catch(() => {});
	return toWorkflowRunResult(await finished);
}

export function workflowData(workflow: Workflow): IWorkflowBase {
	const now = new Date();
	return {
		id: workflow.id,
		name: workflow.name ?? 'Harness workflow',
		active: false,
		isArchived: false,
		activeVersionId: null,
		createdAt: now,
		updatedAt: now,
		nodes: Object.values(workflow.nodes),
		connections: workflow.connectionsBySourceNode,
	};
}
