export { runWorkflow } from './run-workflow';
export { testCredential } from './credential-test';
export { REPO_ROOT } from './package-loader';
export type {
	CredentialTestResult,
	RunWorkflowOptions,
	StoredCredential,
	WorkflowRunResult,
} from './types';
export { runToolFlow, CONSUMER_NODE_NAME } from './tool-flow';
export type { ToolFlow, ToolFlowResult, ToolPath } from './tool-flow';
