package org.sipbridge.bridge;

import jnr.ffi.annotations.Delegate;

/**
 * The core's MI functions for C transports and asynchronous replies (native/mi_publish.c,
 * native/mi_async.c): publishing the registry that lookup_mi_cmd reads, building reply
 * trees for core/Java commands, and waiting for an asynchronous answer.
 */
public interface MiCalls {
    void sb_mi_set_java_runner(JavaRunner runner);

    void sb_mi_publish_begin();

    int sb_mi_publish_c(String name, String help, String module, int moduleIndex, long f, long param, long initF,
                        int flags);

    int sb_mi_publish_java(String name, String help, String module, int id);

    void sb_mi_publish_end();

    void sb_mi_unpublish();

    long sb_mi_reply_new(int code, String reason);

    long sb_mi_root_node(long root);

    long sb_mi_add_kid(long parent, String name, String value);

    int sb_mi_add_attr(long node, String name, String value);

    long sb_mi_async_new(long request);

    void sb_mi_async_free(long waiter);

    long sb_mi_async_wait(long waiter, int timeoutMs);

    int sb_mi_module_proc(int n, int[] out, byte[] buf, int cap);

    /** Runs core/Java command id on the request tree at req; the reply tree's address or 0. */
    interface JavaRunner {
        @Delegate
        long run(int id, long req);
    }
}
