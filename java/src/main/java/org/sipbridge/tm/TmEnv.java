package org.sipbridge.tm;

import java.util.concurrent.Executor;

/** What a transaction runs with: timer values, timers, the owner worker (where timers land), the sender. */
public record TmEnv(TmConfig config, TmTimers timers, Executor owner, TmSender sender) {
}
