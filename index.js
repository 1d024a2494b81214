// n8n finds the node and the credential through the "n8n" section of package.json. This entry point
// only lets other code require the built classes directly: require('n8n-nodes-levers').LeversCall.
module.exports = {
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
