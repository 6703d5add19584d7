package org.sipbridge.module;

import java.util.List;

/**
 * A loaded module, C or Java, with the lifecycle of an OpenSIPS module:
 * parameters, init (once, in load order), child init (once per worker thread, on it),
 * functions, response handling, destroy (newest module first).
 */
public interface Module {

    String name();

    /** The version string it was built with. */
    String version();

    /** "C, OpenSIPS 1.11 dialect", "C, OpenSER 1.1 dialect" or "Java". */
    String kind();

    /** Index of the module's native record (memory accounting, statistics, lock). */
    int nativeIndex();

    List<FunctionExport> functions();

    List<ParamExport> params();

    /** Names of the statistics it exports. */
    List<String> statistics();

    /** init_f: 0 to go on; anything else stops the start. */
    int init();

    /** init_child_f(rank) on the calling thread: 0 to go on, negative fails. */
    int childInit(int rank);

    /** True when it inspects replies (response_f). */
    boolean handlesResponses();

    /** response_f: 0 drops the reply, anything else lets it go on. */
    int onResponse(MessageContext ctx);

    void destroy();

    /** Releases what loading took (the shared object, parameter copies). After destroy. */
    void unload();

    /** Whether its code may run on several threads at once. */
    boolean threadSafe();
}
