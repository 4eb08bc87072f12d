import {
	ClosedConnectionError,
	DrainingConnectionError,
	RequestError,
	TimeoutError,
} from '@nats-io/transport-node';
import { errorMessage, IntegrationsError } from '../../../common/index.js';
import {
	BusClosedError,
	BusDisconnectedError,
	BusPublishError,
	BusTimeoutError,
} from '../../bus-errors.js';

/**
 * Maps an error from nats.js to this library's bus errors (ours pass through), so callers match on
 * one set of codes. `what` and `timeoutMillis` describe the wait that failed, e.g. a JetStream ack.
 */
export function toBusError(error: unknown, what: string, timeoutMillis: number): IntegrationsError {
	if (error instanceof IntegrationsError) return error;
	if (error instanceof ClosedConnectionError || error instanceof DrainingConnectionError) {
		return new BusClosedError('the NATS connection', { cause: error });
	}
	if (error instanceof TimeoutError) return new BusTimeoutError(what, timeoutMillis);
	if (error instanceof RequestError && /disconnect/i.test(error.message)) {
		return new BusDisconnectedError(`NATS connection lost before ${what}`, { cause: error });
	}
	return new BusPublishError(`NATS publish failed: ${errorMessage(error)}`, { cause: error });
}
