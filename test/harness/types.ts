import type {
	ICredentialDataDecryptedObject,
	IConnections,
	INode,
	INodeExecutionData,
	INodeType,
	IRunData,
	IWorkflowSettings,
} from 'n8n-workflow';

/** A saved credential as the harness serves it; `data` is the decrypted form. */
export interface StoredCredential {
	id: string;
	name: string;
	type: string;
	data: ICredentialDataDecryptedObject;
}

export interface RunWorkflowOptions {
	/** Node types are full names, e.g. 'n8n-nodes-levers.leversCall'. */
	nodes: INode[];
	connections?: IConnections;
	/** Defaults to the first node. */
	startNode?: string;
	/** What the start node receives; defaults to one empty item. */
	inputItems?: INodeExecutionData[];
	/** Served by id; token refreshes (preAuthentication) are written back into these objects. */
	credentials?: StoredCredential[];
	/** The community package to load; defaults to the repo root. */
	packageDir?: string;
	/** Cancels the execution this long after it started, as the editor's Stop button does. */
	cancelAfterMs?: number;
	/** Test-only node types served beside the package's, under their description's name. */
	nodeTypes?: INodeType[];
	/** An AI Agent flow needs `{ executionOrder: 'v1' }`, as n8n gives new workflows: under v0 the agent resumes before its tools run. */
	settings?: IWorkflowSettings;
}

export interface WorkflowRunResult {
	/** The run's ExecutionStatus: 'success', 'error', ... */
	status: string;
	/** The run's error when it failed. */
	error?: Error;
	runData: IRunData;
	/** Main output 0 of the node's last run; [] if it did not run or produced nothing. */
	output(nodeName: string): INodeExecutionData[];
	/** The error the node's last run ended with, if any. */
	nodeError(nodeName: string): Error | undefined;
}

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}
