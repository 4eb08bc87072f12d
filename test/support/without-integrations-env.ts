// Setup file of every test process: a developer's INTEGRATIONS_* variables (e.g.
// INTEGRATIONS_BATCHING=true in a shell profile) must not change what publishers under test do.
// A test that wants the environment sets it with vi.stubEnv or passes `env` explicitly.
for (const name of Object.keys(process.env)) {
	if (name.startsWith('INTEGRATIONS_')) delete process.env[name];
}
