// Streamable HTTP serving: bearer tokens, rebinding guard, body limits, drain on shutdown.
// Entry of src/mcp/server/http/: what the rest of the package takes from it.
export type { IntegrationsHttpOptions } from './http-server-options.js';
export { HTTP_DEFAULTS } from './http-server-options.js';
export type { IntegrationsHttpServer } from './serve-integrations-http.js';
export {
	HEALTH_HTTP_PATH,
	MCP_HTTP_PATH,
	serveIntegrationsHttp,
} from './serve-integrations-http.js';
