package org.sipbridge.script.pv;

import org.sipbridge.script.run.ScriptState;
import org.sipbridge.script.run.Value;
import org.sipbridge.sip.NameAddr;
import org.sipbridge.sip.SipUri;

import java.util.function.Function;

/** $fu $fU $fd $ft and $tu $tU $td $tt: the From and To URIs, their parts and tags. */
final class AddressPvs {
    private AddressPvs() {
    }

    static Pv uriPart(String text, Function<ScriptState, SipUri> uri, UriParts.Part part) {
        return Pv.reader(text, (s, out) -> UriParts.read(uri.apply(s), s.message().buffer(), part, out));
    }

    static Pv tag(String text, Function<ScriptState, NameAddr> header) {
        return Pv.reader(text, (s, out) -> {
            NameAddr a = header.apply(s);
            if (a == null || a.tagOffset() < 0) {
                out.setNull();
            } else {
                out.copyOf(s.message().buffer(), a.tagOffset(), a.tagLength());
            }
        });
    }

    static void copy(Value out, ScriptState s, int off, int len) {
        MessagePvs.range(out, s.message().buffer(), off, len);
    }
}
