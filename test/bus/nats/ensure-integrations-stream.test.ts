import { jetstreamManager } from '@nats-io/jetstream';
import { describe, expect, it } from 'vitest';
import { ensureIntegrationsStream } from '../../../src/bus/nats/index.js';
import { useNatsServer } from '../../support/nats-server.js';

const nats = useNatsServer();

describe('ensureIntegrationsStream', () => {
	it('creates the stream with the integrations subjects, then leaves it unchanged', async () => {
		const first = await ensureIntegrationsStream(nats.nc, {
			storage: 'memory',
			duplicateWindowMillis: 30_000,
		});
		const second = await ensureIntegrationsStream(nats.nc, { storage: 'memory' });
		const info = await (await jetstreamManager(nats.nc)).streams.info('INTEGRATIONS');

		expect(first).toEqual({
			name: 'INTEGRATIONS',
			subjects: ['integrations.>'],
			outcome: 'created',
		});
		expect(second.outcome).toBe('unchanged');
		expect(info.config).toMatchObject({ storage: 'memory', duplicate_window: 30_000 * 1_000_000 });
	});

	it('adds the prefixed subject to an existing stream that lacks it', async () => {
		await ensureIntegrationsStream(nats.nc, {
			name: 'SHARED',
			subjectPrefix: 'a',
			storage: 'memory',
		});

		const updated = await ensureIntegrationsStream(nats.nc, {
			name: 'SHARED',
			subjectPrefix: 'b',
			storage: 'memory',
		});

		expect(updated).toEqual({
			name: 'SHARED',
			subjects: ['a.integrations.>', 'b.integrations.>'],
			outcome: 'updated',
		});
	});

	it.each([
		[
			'name',
			{ name: 'bad.name' },
			`expected a name without spaces, '.', '*' or '>', got "bad.name"`,
		],
		[
			'duplicateWindowMillis',
			{ duplicateWindowMillis: -1 },
			'expected a non-negative integer, got -1',
		],
	])('rejects an invalid %s with ERR_INVALID_OPTION', async (option, options, message) => {
		await expect(ensureIntegrationsStream(nats.nc, options)).rejects.toMatchObject({
			code: 'ERR_INVALID_OPTION',
			option,
			message: `${option}: ${message}`,
		});
	});
});
