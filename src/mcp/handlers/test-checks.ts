import type { TestCheck } from '../schemas/index.js';

/** Outcome of the single probe request of `test_integration`. */
export type ProbeResult =
	| {
			readonly response: { readonly statusCode: number };
			readonly failure?: undefined;
			readonly latencyMillis: number;
	  }
	| { readonly response?: undefined; readonly failure: string; readonly latencyMillis: number };

const AUTH_REJECTED: ReadonlySet<number> = new Set([401, 403, 407]);

/**
 * Checks per test type:
 * - connectivity: any HTTP response arrived
 * - authentication: the response is not 401, 403 or 407
 * - full: connectivity + authentication + availability (no 5xx)
 */
export function deriveChecks(
	testType: 'connectivity' | 'authentication' | 'full',
	probe: ProbeResult,
	hasCredentials: boolean,
): TestCheck[] {
	const checks: TestCheck[] = [];
	if (testType !== 'authentication') checks.push(connectivity(probe));
	if (testType !== 'connectivity') checks.push(authentication(probe, hasCredentials));
	if (testType === 'full') checks.push(availability(probe));
	return checks;
}

function base(
	name: TestCheck['name'],
	probe: ProbeResult,
): Pick<TestCheck, 'name' | 'statusCode' | 'latencyMillis'> {
	return probe.response
		? { name, statusCode: probe.response.statusCode, latencyMillis: probe.latencyMillis }
		: { name, latencyMillis: probe.latencyMillis };
}

function connectivity(probe: ProbeResult): TestCheck {
	if (!probe.response)
		return { ...base('connectivity', probe), passed: false, message: probe.failure };
	const status = probe.response.statusCode;
	return {
		...base('connectivity', probe),
		passed: true,
		message: `endpoint answered with HTTP ${status}`,
	};
}

function authentication(probe: ProbeResult, hasCredentials: boolean): TestCheck {
	if (!probe.response) {
		return {
			...base('authentication', probe),
			passed: false,
			message: `not reached: ${probe.failure}`,
		};
	}
	const status = probe.response.statusCode;
	const rejected = AUTH_REJECTED.has(status);
	const subject = hasCredentials ? 'credentials' : 'request without credentials';
	const message = rejected
		? `${subject} rejected with HTTP ${status}`
		: `${subject} accepted (HTTP ${status})`;
	return { ...base('authentication', probe), passed: !rejected, message };
}

function availability(probe: ProbeResult): TestCheck {
	if (!probe.response)
		return { ...base('availability', probe), passed: false, message: 'not reached' };
	const status = probe.response.statusCode;
	const passed = status < 500;
	const message = passed ? `no server error (HTTP ${status})` : `server error HTTP ${status}`;
	return { ...base('availability', probe), passed, message };
}
