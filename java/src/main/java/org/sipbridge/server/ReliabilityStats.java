package org.sipbridge.server;

/**
 * What the reliability machinery did so far (docs/reliability.md).
 *
 * @param moduleBusy        requests whose run ended on a module lock that did not come within
 *                          module_lock_timeout (answered by error_route, else 500)
 * @param moduleBusyReplies replies dropped for the same reason (onreply_route or response_f)
 * @param stuckEpisodes     times the watchdog found a worker on one message for longer than module_call_limit
 * @param stuckNow          workers stuck right now (they get no new Call-IDs)
 */
public record ReliabilityStats(long moduleBusy, long moduleBusyReplies, long stuckEpisodes, int stuckNow) {
}
