import { describe, expectTypeOf, it } from 'vitest';
import {
	type BusAdapter,
	createIntegrationsPublisher,
	type InProcessBus,
} from '../../src/index.js';

describe('createIntegrationsPublisher types', () => {
	it('types the default bus as the in-process bus, so publisher.bus.subscribe type-checks', () => {
		const publisher = createIntegrationsPublisher();
		expectTypeOf(publisher.bus).toEqualTypeOf<InProcessBus>();
		expectTypeOf(publisher.bus.subscribe).toBeFunction();
		expectTypeOf(
			createIntegrationsPublisher({ batching: { enabled: true } }).bus,
		).toEqualTypeOf<InProcessBus>();
	});

	it('types a given bus as itself', () => {
		const bus = {} as BusAdapter & { extra(): number };
		expectTypeOf(createIntegrationsPublisher({ bus }).bus).toEqualTypeOf(bus);
	});
});
