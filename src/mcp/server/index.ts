// The MCP server on the official SDK: stdio, and Streamable HTTP in http/.
// Entry of src/mcp/server/: what the rest of the package takes from it.

export type { IntegrationsHttpOptions, IntegrationsHttpServer } from './http/index.js';
export {
	HEALTH_HTTP_PATH,
	HTTP_DEFAULTS,
	MCP_HTTP_PATH,
	serveIntegrationsHttp,
} from './http/index.js';
export type { IntegrationsMcpServerOptions } from './server.js';
export { createIntegrationsMcpServer, MCP_SERVER_DEFAULTS } from './server.js';
