package org.sipbridge.script.pv;

import org.sipbridge.script.run.ScriptState;
import org.sipbridge.script.run.Value;
import org.sipbridge.sip.SipUri;

/**
 * $ru $rU $rd $rp (the current Request-URI, writable: writing sets new_uri), $ou $oU $od
 * $op (the Request-URI as received) and $du (the destination URI, writable).
 */
final class UriPvs {
    private UriPvs() {
    }

    /** A part of the current R-URI; assigning rewrites it (new_uri), as OpenSIPS does. */
    static final class RequestUri extends Pv {
        private final UriParts.Part part;

        RequestUri(String text, UriParts.Part part) {
            super(text);
            this.part = part;
        }

        @Override
        public void get(ScriptState s, Value out) {
            if (part == UriParts.Part.WHOLE) {
                String nu = s.ctx.newUri();
                if (nu != null) {
                    out.setString(nu);
                    return;
                }
                if (!s.message().isRequest()) {
                    out.setNull();
                    return;
                }
                MessagePvs.range(out, s.message().buffer(), s.message().requestUriOffset(), s.message().requestUriLength());
                return;
            }
            UriParts.read(s.requestUri(), s.requestUriBuffer(), part, out);
        }

        @Override
        public boolean writable() {
            return true;
        }

        @Override
        public boolean set(ScriptState s, int kind, Value value) {
            if (!s.message().isRequest()) {
                return false;
            }
            String v = value == null ? null : value.asString();
            if (part == UriParts.Part.WHOLE) {
                if (v == null || v.isEmpty()) {
                    return false;
                }
                s.ctx.setNewUri(v);
                return true;
            }
            SipUri uri = s.requestUri();
            if (uri == null) {
                return false;
            }
            String replaced = UriParts.replace(uri, s.requestUriBuffer(), part, v);
            if (replaced == null) {
                return false;
            }
            s.ctx.setNewUri(replaced);
            return true;
        }
    }

    /** A part of the Request-URI as received (read-only). */
    static Pv original(String text, UriParts.Part part) {
        return Pv.reader(text, (s, out) -> UriParts.read(s.originalUri(), s.message().buffer(), part, out));
    }

    /** $du: the destination URI; null when unset, NULL deletes it. */
    static final class DestinationUri extends Pv {
        DestinationUri(String text) {
            super(text);
        }

        @Override
        public void get(ScriptState s, Value out) {
            out.setString(s.ctx.dstUri());
        }

        @Override
        public boolean writable() {
            return true;
        }

        @Override
        public boolean set(ScriptState s, int kind, Value value) {
            String v = value == null ? null : value.asString();
            s.ctx.setDstUri(v == null || v.isEmpty() ? null : v);
            return true;
        }
    }
}
