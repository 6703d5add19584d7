package org.sipbridge.bridge;

import jnr.ffi.annotations.Delegate;

/**
 * The core library's Java-facing functions ({@code SB_JAVA_API} in native/), bound with
 * jnr-ffi. Pointers travel as {@code long} addresses so that the hot path
 * ({@link #sb_call}) is a plain jffi call with three scalar arguments and no objects.
 */
public interface CoreCalls {

    // --- named flags (native/compat/flags.c): the registry the script and modules share
    int sb_flag_id_java(int type, String name);
    String sb_flag_name(int type, int bit);
    void sb_flags_reset();
    int setsflag(int mask);
    int resetsflag(int mask);
    int issflagset(int mask);
    int getsflags();

    // --- modules, locks
    int sb_module_new(String name, int threadSafe);
    void sb_module_release(int module);
    // route.h's is_script_func_used: the calls the script compiler bound (native/script_funcs.c)
    void sb_script_funcs_reset();
    int sb_script_funcs_add(String name, int paramNo);
    void sb_module_set_thread_safe(int module, int threadSafe);
    void sb_module_join(int a, int b);
    int sb_module_same_lock(int a, int b);
    long sb_module_image_init(int module, long symbol);
    long sb_module_image_info(int module, int what);

    // --- call frames and module entry points (see native/invoke.c)
    long sb_frame_new(int module, long function, int dialect, int paramNo);
    int sb_frame_set_param(long frame, int i, String value);
    long sb_frame_param(long frame, int i);
    int sb_frame_fixup(long frame, long fixup, int i);
    int sb_frame_free_fixup(long frame, long freeFixup, int i);
    void sb_frame_free(long frame);
    int sb_call(long frame, long msg, int routeType);
    int sb_call_init(int module, long fn);
    int sb_call_child_init(int module, long fn, int rank);
    void sb_call_destroy(int module, long fn);
    int sb_call_response(int module, long fn, long msg);
    int sb_call_param_func(int module, long fn, int type, long value);
    long sb_set_str_param(int module, long ptr, String value);
    void sb_release_str_param(long ptr, long copy);
    void sb_set_int_param(long ptr, int value);
    void sb_set_route_type(int routeType);

    // --- module timers (native/timer.c)
    int sb_timers_count();
    long sb_timers_run_due();
    void sb_timers_forget(int module);

    // --- memory accounting
    int sb_mem_counters(int module, int pool, long[] out, int n);
    void sb_mem_reset_peaks(int module);
    long sb_pkg_strdup(int module, String value);
    /** Copies len bytes at address src into pkg memory (NUL-terminated): sb_pkg_strdup without a String. */
    long sb_pkg_memdup(int module, long src, long len);
    void sb_pkg_free(long p);

    // --- statistics
    long sb_stat_register(int module, String name, int flags);
    long sb_stat_counter(long statVar);
    long sb_stat_find(String name);
    long sb_stat_value(long statVar);
    void sb_stats_unregister(int module);
    int sb_stats_register_exports(int module, long statExports);
    int sb_stats_list(long[] out, int cap);
    String sb_stat_name(long statVar);
    String sb_stat_group(long statVar);
    int sb_stat_flags(long statVar);
    void sb_stat_reset(long statVar);

    // --- the C side of the MI registry (native/mi.c)
    int sb_mi_count();
    int sb_mi_entry(int i, long[] out);
    void sb_mi_forget(int module);
    int sb_mi_call_init(int module, long fn);
    long sb_mi_call(int module, long fn, long request, long param);
    long sb_mi_request_new();
    int sb_mi_request_add(long request, String name, String value);
    int sb_mi_layout(int what);
    void sb_mi_free(long tree);
    long sb_mi_export_field(long entry, int which);

    // --- layout and versions
    int sb_layout_table(long[] out, int n);
    String sb_core_version(int which);

    // --- message slots and the sip_msg view (native/msg/sb_slot.h)
    long sb_slot_new(int bufCapacity, int maxHeaders);
    void sb_slot_free(long slot);
    long sb_slot_buf(long slot);
    int sb_slot_buf_capacity(long slot);
    long sb_slot_input(long slot);
    int sb_slot_input_words(long slot);
    long sb_slot_send_info(long slot);
    long sb_slot_uri_generations(long slot);
    // adopting a message C built (native/msg/adopt.c)
    int sb_msg_copy_buf(long msg, long dst, int cap);
    int sb_msg_get_str(long msg, int which, long out, int cap);
    int sb_msg_get_id(long msg);
    int sb_msg_get_flags(long msg);
    void sb_msg_move_lumps(long from, long to);
    // per-branch lumps for the Java tm (native/msg/branch_lumps.c): op 1 mark, 0 stop, 2 remove marked
    void sb_msg_branch_lumps(long msg, int op);

    // --- AVPs for C (native/avp.c)
    void sb_avp_set_callback(AvpCallback cb);
    // AVP lists (native/avp_lists.c): the $avp store once a module swapped lists
    int sb_avp_list_mode();
    // pv contexts modules registered (native/pv_items.c): $(<request>...), $(<reply>...)
    int sb_pv_context_index(String name);
    long sb_pv_context_msg(int index, long msg);
    void sb_avp_list_reset();
    int sb_avp_list_count(int id);
    int sb_avp_list_get(int id, int pos, long buf, int cap, long out);
    int sb_avp_list_add(int id, int isStr, int ival, long ptr, int len);
    int sb_avp_list_delete(int id);

    /** usr_avp.h upcall: op, id, position, flags, int value, text pointer/length, out[3]. */
    interface AvpCallback {
        @Delegate
        int call(int op, int id, int pos, int flags, int ival, long ptr, int len, long out);
    }

    // --- the destination set for C (native/dset.c)
    void sb_dset_set_callback(DsetCallback cb);

    /** dset.h upcall: op, branch index, int value, io struct, output buffer and its capacity. */
    interface DsetCallback {
        @Delegate
        int call(int op, int idx, int ival, long io, long buf, int cap);
    }

    // --- module pseudo-variables (native/modpv.c)
    long sb_modpv_new(int module, long pvExport, String inner, int innerLen, String index, int indexLen);
    int sb_modpv_get(long spec, long msg, long buf, int cap, long out);
    int sb_modpv_set(long spec, long msg, int op, long s, int slen, int ival, int flags);
    void sb_modpv_free(long spec);

    // --- script callbacks (native/script_cb.c)
    long sb_script_cb_counts();
    int sb_script_cb_run(int list, long msg, int routeType);

    // --- route tables and run_top_route (native/route.c)
    void sb_route_clear();
    int sb_route_set(int table, int index, String name, int interval, String file, int line);
    void sb_route_set_runner(RouteRunner runner);

    /** Runs route (table, index) of the script on msg; ACT_FL_* flags or -1. */
    interface RouteRunner {
        @Delegate
        int run(int table, int index, long msg, int routeType);
    }
    long sb_slot_msg(long slot);
    void sb_slot_release_message(long slot);
    int sb_msg_ensure(long msg);
    int sb_msg_layout(int what);
    int sb_msg_set_new_uri(long msg, long s, int len);
    int sb_msg_set_dst_uri(long msg, long s, int len);
    void sb_msg_set_flags(long msg, int flags);
    void sb_msg_set_msg_flags(long msg, int flags);
    int sb_msg_lump_mask(long msg);
    int sb_hdr_type_of_name(String name, int len);
    int sb_build_request(long msg, long via, int viaLen, long out, int cap);
    int sb_build_relayed_reply(long msg, long out, int cap);
    /** server_signature, server_header, user_agent_header into the C globals (native/compat/globals.c). */
    void sb_set_signature(int on, String serverHeader, String userAgentHeader);

    int sb_build_local_reply(long msg, int code, long reason, int reasonLen, long toTag, int toTagLen,
                             long out, int cap);
    int sb_build_applied(long msg, int flags, long out, int cap);

    // --- the SDK's lump API, for the server's own edits (received/rport on a forwarded request's Via)
    long anchor_lump(long msg, int offset, int len, int type);
    long del_lump(long msg, int offset, int len, int type);
    long insert_new_lump_after(long after, long text, int len, int type);

    // --- routing script: the built-ins' header changes (native/script_ops.c)
    int sb_script_append_hf(long msg, long text, int len);
    int sb_script_remove_hf(long msg, long name, int len);

    // --- pseudo-variables served by the script engine (native/pv.c)
    void sb_pv_set_callbacks(PvParse parse, PvFormat format, PvEval eval, PvSet set, PvRelease release);

    // --- logging
    void sb_log_set_sink(LogSink sink);
    void sb_log_set_level(int level);
    int sb_log_get_level();

    // --- find_export and friends, served by Java
    void sb_registry_set_callbacks(FindCmd findCmd, ModuleLoaded moduleLoaded, FindParam findParam);

    // --- the sl API C modules bind with load_sl (native/sl_api.c), served by the server
    void sb_sl_set_callbacks(SlReply reply, SlToTag toTag);

    // --- sipbridge's Java DB drivers behind the DB API (native/db/db_java.c, org.sipbridge.db)
    void sb_db_set_callbacks(DbOpen open, DbClose close, DbExec exec, DbTake take, DbServes serves);

    /** One formatted LM_* record. Addresses of NUL-terminated strings. */
    interface LogSink {
        @Delegate
        void log(int level, long module, long function, long message, int length);
    }

    /** Address of a cmd_export_t or 0. module is 0 for "any module". */
    interface FindCmd {
        @Delegate
        long find(long module, long name, int paramNo, int flags, int caller);
    }

    interface ModuleLoaded {
        @Delegate
        int loaded(long name);
    }

    interface FindParam {
        @Delegate
        long find(long module, long name, int type);
    }

    /** sl reply / reply_dlg: the stateless reply to msg; tag 0 = the core's To-tag. 1 sent, -1 not. */
    interface SlReply {
        @Delegate
        int reply(long msg, int code, long reason, int reasonLength, long tag, int tagLength);
    }

    /** sl get_totag: the core's To-tag for msg written to out[0..cap); its length or -1. */
    interface SlToTag {
        @Delegate
        int toTag(long msg, long out, int cap);
    }

    /** cmd_function: the message and six char* (unused ones NULL). */
    interface CmdFunction {
        @Delegate
        int call(long msg, long p1, long p2, long p3, long p4, long p5, long p6);
    }

    /** pv_parse_spec: a handle (>0) for the spec at the start of text; *consumed, *writable set. */
    interface PvParse {
        @Delegate
        long parse(long text, int len, long consumed, long writable);
    }

    /** pv_parse_format: a handle (>0) for the whole text. */
    interface PvFormat {
        @Delegate
        long format(long text, int len);
    }

    /** The value of a handle on msg into buf; 0, -1 error, -(needed) when buf is too small. */
    interface PvEval {
        @Delegate
        int eval(long handle, long msg, long buf, int cap, long len, long ival, long flags);
    }

    /** Assigns to a writable spec. */
    interface PvSet {
        @Delegate
        int set(long handle, long msg, int op, long s, int slen, int ival, int flags);
    }

    interface PvRelease {
        @Delegate
        void release(long handle);
    }

    /** dbf.init: a handle id (> 0) for the URL at url[0..len), or -1. */
    interface DbOpen {
        @Delegate
        long open(long url, int len);
    }

    /** dbf.close. */
    interface DbClose {
        @Delegate
        void close(long handle);
    }

    /** One operation: request in buf[0..len), answer written there when it fits cap; its length. */
    interface DbExec {
        @Delegate
        int exec(long handle, long buf, int len, int cap);
    }

    /** The pending answer of the last exec that did not fit, into buf[0..cap); its length. */
    interface DbTake {
        @Delegate
        int take(long handle, long buf, int cap);
    }

    /** 1 when a Java driver serves the URL's scheme. */
    interface DbServes {
        @Delegate
        int serves(long url, int len);
    }
}
