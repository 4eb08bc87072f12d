// The five tools' schemas: upstream's input schemas, the runtime's outputs, shipped JSON Schemas.
// Entry of src/mcp/schemas/: what the rest of the package takes from it.
export { withShippedJsonSchema } from './shipped-json-schema.js';
export type {
	CreateIntegrationToolInput,
	ExecuteIntegrationToolInput,
} from './tool-input-schemas.js';
export {
	CreateIntegrationToolInputSchema,
	ExecuteIntegrationToolInputSchema,
	ListIntegrationsToolInputSchema,
	MonitorIntegrationToolInputSchema,
	TestIntegrationToolInputSchema,
} from './tool-input-schemas.js';
export type {
	CreateIntegrationResult,
	ExecuteIntegrationResult,
	IntegrationView,
	ListIntegrationsResult,
	MonitorIntegrationResult,
	TestCheck,
	TestIntegrationResult,
} from './tool-output-schemas.js';
export {
	CreateIntegrationOutputSchema,
	ExecuteIntegrationOutputSchema,
	ListIntegrationsOutputSchema,
	MonitorIntegrationOutputSchema,
	TestIntegrationOutputSchema,
} from './tool-output-schemas.js';
export type {
	CreateIntegrationInput,
	ExecuteIntegrationInput,
	IntegrationsTool,
	ListIntegrationsInput,
	MonitorIntegrationInput,
	TestIntegrationInput,
} from './tools.js';
export { integrationsMcpTools } from './tools.js';
