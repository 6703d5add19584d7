package org.sipbridge.core;

import java.util.ArrayList;
import java.util.List;

/**
 * The destination set of the message being processed (OpenSIPS dset.h): the branches the
 * script or a module added with append_branch, besides the R-URI itself (branch 0 when
 * t_relay forks). Per message (cleared when a new one is loaded), per worker.
 */
public final class DestinationSet {
    /** OpenSIPS's MAX_BRANCHES: the R-URI and 11 more. */
    public static final int MAX_BRANCHES = 12;

    /** One added branch: URI, destination URI ($du of the branch, may be null), path, q (-1: none), socket, flags. */
    public record Branch(String uri, String dstUri, String path, int q, String socket, int flags) {
    }

    private final List<Branch> branches = new ArrayList<>();
    /** The Request-URI's q (dset.h get_ruri_q; -1: unspecified). */
    private int ruriQ = -1;

    /** Adds a branch; false when the set is full (MAX_BRANCHES - 1 besides the R-URI). */
    public boolean append(Branch b) {
        if (branches.size() >= MAX_BRANCHES - 1) {
            return false;
        }
        branches.add(b);
        return true;
    }

    public int size() {
        return branches.size();
    }

    public Branch get(int i) {
        return i >= 0 && i < branches.size() ? branches.get(i) : null;
    }

    /** Replaces branch i (its flags changed). */
    public void set(int i, Branch b) {
        branches.set(i, b);
    }

    /** Removes branch i; false when there is none. */
    public boolean remove(int i) {
        if (i < 0 || i >= branches.size()) {
            return false;
        }
        branches.remove(i);
        return true;
    }

    /** Removes the added branches and forgets the R-URI's q (1.11 clear_branches). */
    public void clear() {
        branches.clear();
        ruriQ = -1;
    }

    public int ruriQ() {
        return ruriQ;
    }

    public void ruriQ(int q) {
        ruriQ = q;
    }

    /** The branches as a list (a copy). */
    public List<Branch> snapshot() {
        return List.copyOf(branches);
    }
}
