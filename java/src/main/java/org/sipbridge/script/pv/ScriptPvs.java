package org.sipbridge.script.pv;

import org.sipbridge.script.run.ScriptState;
import org.sipbridge.script.run.Value;

/** $var(x), $avp(x), $rc/$retcode, $Ts, $pp: the script's own values. */
final class ScriptPvs {
    private static final int PID = (int) ProcessHandle.current().pid();

    private ScriptPvs() {
    }

    /**
     * $var(x): one value per worker, kept across messages as OpenSIPS keeps script variables
     * per process (initialise them before use). NULL sets it to null.
     */
    static final class Var extends Pv {
        private final int slot;

        Var(String text, int slot) {
            super(text);
            this.slot = slot;
        }

        @Override
        public void get(ScriptState s, Value out) {
            out.copyOf(s.var(slot));
        }

        @Override
        public boolean writable() {
            return true;
        }

        @Override
        public boolean set(ScriptState s, int kind, Value value) {
            Value cell = s.var(slot);
            if (value == null) {
                cell.setNull();
            } else {
                cell.copyOf(value);
            }
            return true;
        }

        /** Reading without a copy, for comparisons. */
        Value cell(ScriptState s) {
            return s.var(slot);
        }
    }

    /**
     * $avp(x)[i]: the message's AVPs. Reading gives the newest value (or the one at the
     * index, [*] all of them joined with ","); '=' adds a value, ':=' replaces all, NULL
     * deletes all.
     */
    static final class Avp extends Pv {
        private static final byte[] COMMA = {','};
        private final int slot;
        private final int index;

        Avp(String text, int slot, int index) {
            super(text);
            this.slot = slot;
            this.index = index;
        }

        /** The AVP id C modules see for this name (usr_avp.h). */
        int slot() {
            return slot;
        }

        @Override
        public void get(ScriptState s, Value out) {
            if (AvpLists.listed()) {
                getListed(out);
                return;
            }
            if (index == HeaderPv.ALL) {
                out.setNull();
                int n = s.avps.count(slot);
                for (int i = 0; i < n; i++) {
                    Value v = s.avps.get(slot, i);
                    if (out.isNull()) {
                        out.clearString();
                    } else {
                        out.append(COMMA, 0, 1);
                    }
                    out.append(v);
                }
                return;
            }
            Value v = s.avps.get(slot, index);
            if (v == null) {
                out.setNull();
            } else {
                out.copyOf(v);
            }
        }

        @Override
        public boolean writable() {
            return true;
        }

        /** get() on the C list a module made current (AvpLists). */
        private void getListed(Value out) {
            if (index == HeaderPv.ALL) {
                out.setNull();
                int n = AvpLists.count(slot);
                Value v = new Value();   // not the hot path: only with a module swapping lists
                for (int i = 0; i < n; i++) {
                    if (!AvpLists.get(slot, i, v)) {
                        break;
                    }
                    if (out.isNull()) {
                        out.clearString();
                    } else {
                        out.append(COMMA, 0, 1);
                    }
                    out.append(v);
                }
                return;
            }
            if (!AvpLists.get(slot, index, out)) {
                out.setNull();
            }
        }

        @Override
        public boolean set(ScriptState s, int kind, Value value) {
            if (AvpLists.listed()) {
                if (value == null || value.isNull() || kind == REPLACE) {
                    AvpLists.delete(slot);
                }
                if (value != null && !value.isNull()) {
                    AvpLists.add(slot, value);
                }
                return true;
            }
            if (value == null || value.isNull()) {
                s.avps.delete(slot);
            } else if (kind == REPLACE) {
                s.avps.replace(slot, value);
            } else {
                s.avps.add(slot, value);
            }
            return true;
        }
    }

    static void returnCode(ScriptState s, Value out) {
        out.setInt(s.returnCode);
    }

    static void timeSeconds(ScriptState s, Value out) {
        out.setInt((int) (System.currentTimeMillis() / 1000));
    }

    static void pid(ScriptState s, Value out) {
        out.setInt(PID);
    }
}
