// n8n finds the nodes and the credential through the "n8n" section of package.json. This entry point
// only lets other code require the built classes directly: require('n8n-nodes-levers').LeversCall.
module.exports = {
	get Levers() {
		return require('./dist/nodes/Levers/Levers.node.js').Levers;
	},
	get LeversCall() {
		return require('./dist/nodes/LeversCall/LeversCall.node.js').LeversCall;
	},
	get LeversTrigger() {
		return require('./dist/nodes/LeversTrigger/LeversTrigger.node.js').LeversTrigger;
	},
	get LeversApi() {
		return require('./dist/credentials/LeversApi.credentials.js').LeversApi;
	},
};
