package org.sipbridge.script.pv.tr;

import org.sipbridge.script.run.ScriptState;
import org.sipbridge.script.run.TransformScratch;
import org.sipbridge.script.run.Value;
import org.sipbridge.sip.SipError;
import org.sipbridge.sip.SipUri;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The {@code {uri.*}} family: the value parsed as a SIP URI, a part of it returned (the
 * empty string for a part the URI does not have); a value that is not a URI makes the
 * pseudo-variable NULL, as in 1.11.
 */
final class UriTransforms extends Transform {
    private enum Part { USER, HOST, PASSWD, PORT, PARAMS, PARAM, HEADERS, NAMED_PARAM }

    private final Part part;
    private final TrArg param;
    private final byte[] paramName;

    private UriTransforms(String text, Part part, TrArg param, String paramName) {
        super(text);
        this.part = part;
        this.param = param;
        this.paramName = paramName == null ? null : paramName.getBytes(StandardCharsets.US_ASCII);
    }

    static Transform create(String name, String text, TrArg[] args) {
        return switch (name) {
            case "user" -> new UriTransforms(text, Part.USER, null, null);
            case "host", "domain" -> new UriTransforms(text, Part.HOST, null, null);
            case "passwd" -> new UriTransforms(text, Part.PASSWD, null, null);
            case "port" -> new UriTransforms(text, Part.PORT, null, null);
            case "params" -> new UriTransforms(text, Part.PARAMS, null, null);
            case "param" -> new UriTransforms(text, Part.PARAM, args[0], null);
            case "headers" -> new UriTransforms(text, Part.HEADERS, null, null);
            // the parameters 1.11's URI parser picks out by name
            case "transport", "ttl", "maddr", "method", "lr", "r2" -> new UriTransforms(text, Part.NAMED_PARAM, null, name);
            case "uparam" -> new UriTransforms(text, Part.NAMED_PARAM, null, "user");
            default -> throw new IllegalArgumentException("unknown uri." + name);
        };
    }

    @Override
    public boolean apply(ScriptState s, Value v) {
        if (v.length() == 0) {
            return false;
        }
        TransformScratch x = s.transformScratch();
        ByteBuffer buf = x.load(v);
        int n = v.length();
        SipUri uri = x.uri;
        if (uri.parse(buf, 0, n) != SipError.NONE || uri.hostOffset() < 0) {
            return false;
        }
        switch (part) {
            case USER -> setRangeOrEmpty(v, buf, uri.userOffset(), uri.userLength());
            case HOST -> setRangeOrEmpty(v, buf, uri.hostOffset(), uri.hostLength());
            case PASSWD -> setRangeOrEmpty(v, buf, uri.passwordOffset(), uri.passwordLength());
            case PORT -> {
                if (uri.hasExplicitPort()) {
                    v.setInt(uri.port());
                } else {
                    v.clearString();
                }
            }
            case HEADERS -> setRangeOrEmpty(v, buf, uri.hasHeaders() ? uri.headersOffset() : -1, uri.headersLength());
            case PARAMS -> {
                int from = paramsStart(buf, uri, n);
                setRangeOrEmpty(v, buf, from, paramsEnd(uri, n) - from);
            }
            case PARAM, NAMED_PARAM -> {
                int from = paramsStart(buf, uri, n);
                if (from < 0) {
                    v.clearString();
                    return true;
                }
                ParamScan scan = x.params;
                boolean found;
                if (paramName != null) {
                    found = scan.named(buf, from, paramsEnd(uri, n), paramName, 0, paramName.length, false);
                } else {
                    int mark = s.mark();
                    Value name = s.temp();
                    if (!param.get(s, name, false)) {
                        s.release(mark);
                        return false;
                    }
                    found = scan.named(buf, from, paramsEnd(uri, n), name.bytes(), name.offset(), name.length(), false);
                    s.release(mark);
                }
                if (found) {
                    v.copyOf(buf, scan.valueOff, scan.valueLen);
                } else {
                    v.clearString();
                }
            }
        }
        return true;
    }

    /** Where the parameters start (after the first ';' following the host and port), or -1. */
    private static int paramsStart(ByteBuffer buf, SipUri uri, int n) {
        int p = uri.hostOffset() + uri.hostLength();
        int end = paramsEnd(uri, n);
        while (p < end && buf.get(p) != ';') {
            p++;
        }
        return p < end ? p + 1 : -1;
    }

    private static int paramsEnd(SipUri uri, int n) {
        return uri.hasHeaders() ? uri.headersOffset() - 1 : n;
    }
}
