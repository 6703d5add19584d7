package org.sipbridge.bridge;

/**
 * The core library's watchdog, lock-timeout and breadcrumb functions (native/watchdog.c,
 * native/module.c), bound on their own so the hot-path interface {@link CoreCalls} stays
 * as it is. None of them is on the per-message path.
 */
public interface WatchCalls {
    void sb_set_lock_timeout(int ms);
    void sb_module_mark_stuck(int module, int tid);
    int sb_module_lock_owner(int module);
    int sb_frame_set_label(long frame, String text);
    int sb_crumbs_open(String path);
    void sb_crumbs_mark_clean();
    int sb_crumb_register_worker(int rank);
    int sb_crumb_field(int tid, int field);
    long sb_crumb_calls(int tid);
    String sb_crumb_label_text(int label);
    String sb_crumb_module_name(int module);
    int sb_crumb_layout(int what);
}
