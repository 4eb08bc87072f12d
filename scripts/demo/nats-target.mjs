// `--nats URL`: the burst goes to NATS through the adapter; an independent subscriber on its own
// connection counts and times what arrives.
export async function natsTarget(url) {
	const [{ connect }, nats] = await Promise.all([
		import('@nats-io/transport-node'),
		import('../../dist/nats.js'),
	]);
	const bus = nats.createNatsBusAdapter({ servers: url });
	const consumer = await connect({ servers: url, noAsyncTraces: true });
	return {
		bus,
		async listen(onEnvelope) {
			const subscription = nats.subscribeNats(consumer, { onEnvelope });
			await consumer.flush();
			return async () => subscription.drain();
		},
		close: async () => consumer.drain(),
	};
}
