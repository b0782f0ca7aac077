import "server-only";
import dns from "node:dns";
import type net from "node:net";
import { Agent } from "undici";
import type { Allowlist } from "../config/host-allowlist";
import { checkResolved } from "./outbound-policy";

/** The lookup refused the address it resolved to: retrying cannot help. */
export class OutboundPolicyError extends Error {}

/**
 * A DNS lookup that refuses restricted addresses. It runs inside the connection itself, so
 * the address checked is the address connected to: no gap for DNS rebinding.
 */
const guardedLookup =
  (allowlist: Allowlist): net.LookupFunction =>
  (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return (callback as (error: Error) => void)(error);
      const { allowed, refusal } = checkResolved(addresses, hostname, allowlist);
      if (refusal) return (callback as (error: Error) => void)(new OutboundPolicyError(refusal));
      if (options.all) return (callback as (error: null, addresses: dns.LookupAddress[]) => void)(null, allowed);
      return callback(null, allowed[0].address, allowed[0].family);
    });
  };

// Never before the attempt's own timer: WEBHOOK_TIMEOUT_MS is at most 120 s (lib/env.ts).
const CONNECT_TIMEOUT_MS = 120_000;

const newAgent = (allowlist: Allowlist) =>
  new Agent({
    // Reused connections: a burst of thousands of deliveries to one receiver must not open
    // (and leave in TIME_WAIT) a new TCP connection per request.
    connections: 256,
    // The attempt has one deadline, its timeoutMs (send.ts); undici's own would cut it short.
    headersTimeout: 0,
    bodyTimeout: 0,
    connect: { lookup: guardedLookup(allowlist), timeout: CONNECT_TIMEOUT_MS },
  });

/** Equal allowlists give equal keys, whatever order their entries were written in. */
const keyOf = ({ hosts, ranges }: Allowlist) => JSON.stringify([[...hosts].sort(), [...ranges.rules].sort()]);

/** Each allowlist's key, made once: dispatcherFor runs before every request, and an allowlist never changes once parsed. */
const keys = new WeakMap<Allowlist, string>();
const memoKeyOf = (allowlist: Allowlist) => {
  let key = keys.get(allowlist);
  if (key === undefined) keys.set(allowlist, (key = keyOf(allowlist)));
  return key;
};

const agents = new Map<string, Agent>();

/**
 * The connection pool for requests under `allowlist`. One per allowlist: a kept-alive socket
 * was checked against the allowlist it was opened under, so it must never carry a request
 * another allowlist would refuse (a node:http Agent keys its sockets by host and port only).
 */
export const dispatcherFor = (allowlist: Allowlist): Agent => {
  const key = memoKeyOf(allowlist);
  let agent = agents.get(key);
  if (!agent) {
    agent = newAgent(allowlist);
    agents.set(key, agent);
  }
  return agent;
};
