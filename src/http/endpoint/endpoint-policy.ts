import { isIP } from 'node:net';
import { booleanOption, checkObject, failOption } from '../../common/index.js';
import { EndpointDeniedError } from '../http-errors.js';
import {
	type AddressMatcher,
	createAddressMatcher,
	DEFAULT_DENIED_CIDRS,
	stripBrackets,
} from './address-matcher.js';
import { createHostMatcher, DEFAULT_DENIED_HOSTS, type HostMatcher } from './host-matcher.js';

/** Options of the outbound endpoint policy. */
export interface EndpointPolicyOptions {
	/**
	 * When non-empty, only these hosts may be called: exact names, `*.example.com` wildcards or IP
	 * addresses. Resolved addresses are still checked against the deny ranges.
	 * @default [] (any host not denied)
	 */
	allowHosts?: readonly string[];
	/**
	 * Hosts never called (exact names or `*.suffix` wildcards), in addition to the built-in cloud
	 * metadata names when `denyDefaults` is on.
	 * @default []
	 */
	denyHosts?: readonly string[];
	/**
	 * Address ranges (CIDR or single addresses) never connected to, in addition to the built-in ranges
	 * when `denyDefaults` is on. E.g. `['10.0.0.0/8', '127.0.0.0/8']` to also forbid private networks.
	 * @default []
	 */
	denyCidrs?: readonly string[];
	/**
	 * Deny cloud metadata (169.254.169.254, fd00:ec2::254, 100.100.100.200, Azure WireServer
	 * 168.63.129.16, metadata.google.internal...) and link-local addresses (169.254.0.0/16,
	 * fe80::/10).
	 * @default true
	 */
	denyDefaults?: boolean;
	/**
	 * URL protocols that may be called: `'http:'`, `'https:'` or both (nothing else can be called;
	 * another value throws `InvalidOptionError`).
	 * @default ['http:', 'https:']
	 */
	protocols?: readonly string[];
}

/** A compiled endpoint policy. */
export interface EndpointPolicy {
	/** Throws `EndpointDeniedError` when the URL's protocol or host (or literal IP) is denied. */
	checkUrl(url: URL): void;
	/** Returns the denial for a resolved address, or `undefined` when it may be connected to. */
	checkAddress(address: string, hostname: string): EndpointDeniedError | undefined;
}

interface CompiledRules {
	readonly protocols: ReadonlySet<string>;
	readonly allow: HostMatcher;
	readonly denyHosts: HostMatcher;
	readonly denyAddresses: AddressMatcher;
}

/** Defaults of {@link EndpointPolicyOptions}, applied by `createEndpointPolicy` only. */
export const ENDPOINT_POLICY_DEFAULTS = Object.freeze({
	allowHosts: Object.freeze([]) as readonly string[],
	denyHosts: Object.freeze([]) as readonly string[],
	denyCidrs: Object.freeze([]) as readonly string[],
	denyDefaults: true,
	protocols: Object.freeze(['http:', 'https:']) as readonly string[],
});

/** The protocols the HTTP client can call; `protocols` may only narrow them. */
const CALLABLE_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:']);

/** Compiles the policy once; invalid ranges or host patterns throw `InvalidOptionError`. */
export function createEndpointPolicy(options: EndpointPolicyOptions = {}): EndpointPolicy {
	const d = ENDPOINT_POLICY_DEFAULTS;
	const defaults = checkPolicyOptions(options);
	const rules: CompiledRules = {
		protocols: new Set(options.protocols ?? d.protocols),
		allow: createHostMatcher(options.allowHosts ?? d.allowHosts, 'endpointPolicy.allowHosts'),
		denyHosts: createHostMatcher(
			[...(defaults ? DEFAULT_DENIED_HOSTS : []), ...(options.denyHosts ?? d.denyHosts)],
			'endpointPolicy.denyHosts',
		),
		denyAddresses: createAddressMatcher(
			[...(defaults ? DEFAULT_DENIED_CIDRS : []), ...(options.denyCidrs ?? d.denyCidrs)],
			'endpointPolicy.denyCidrs',
		),
	};
	return {
		checkUrl: (url) => checkUrl(rules, url),
		checkAddress: (address, hostname) => checkAddress(rules, address, hostname),
	};
}

/**
 * Lists must be arrays of strings (a bare string would be read character by character). Returns
 * `denyDefaults`, defaulted.
 */
function checkPolicyOptions(options: EndpointPolicyOptions): boolean {
	checkObject('endpointPolicy', options);
	for (const name of ['allowHosts', 'denyHosts', 'denyCidrs', 'protocols'] as const) {
		const list: unknown = options[name];
		if (list === undefined) continue;
		if (!Array.isArray(list) || list.some((item) => typeof item !== 'string')) {
			failOption(`endpointPolicy.${name}`, 'an array of strings', list);
		}
	}
	const unsupported = options.protocols?.find((protocol) => !CALLABLE_PROTOCOLS.has(protocol));
	if (unsupported !== undefined) {
		failOption('endpointPolicy.protocols', "only 'http:' and 'https:'", unsupported);
	}
	return booleanOption(
		'endpointPolicy.denyDefaults',
		options.denyDefaults,
		ENDPOINT_POLICY_DEFAULTS.denyDefaults,
	);
}

function checkUrl(rules: CompiledRules, url: URL): void {
	if (!rules.protocols.has(url.protocol)) {
		throw new EndpointDeniedError(
			'protocol',
			`Protocol ${url.protocol} is not allowed (allowed: ${[...rules.protocols].join(', ')})`,
		);
	}
	const host = stripBrackets(url.hostname);
	if (rules.denyHosts.matches(host)) {
		throw new EndpointDeniedError('host', `Host ${host} is denied by the endpoint policy`);
	}
	if (rules.allow.size > 0 && !rules.allow.matches(host)) {
		throw new EndpointDeniedError('not-allowed', `Host ${host} is not in the endpoint allow list`);
	}
	if (isIP(host) !== 0) {
		const denial = checkAddress(rules, host, host);
		if (denial) throw denial;
	}
}

function checkAddress(
	rules: CompiledRules,
	address: string,
	hostname: string,
): EndpointDeniedError | undefined {
	if (!rules.denyAddresses.matches(address)) return undefined;
	const via = hostname === address ? '' : ` (resolved from ${hostname})`;
	return new EndpointDeniedError(
		'address',
		`Address ${address}${via} is denied by the endpoint policy (cloud metadata, link-local or a denied range, directly or through the address it reaches)`,
	);
}
