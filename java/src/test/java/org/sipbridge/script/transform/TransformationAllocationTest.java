package org.sipbridge.script.transform;

import org.junit.jupiter.api.Test;
import org.sipbridge.script.RouteAllocation;
import org.sipbridge.script.ScriptHarness;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Transformations run on the worker's reused buffers: a warm route full of them allocates
 * no more than a route without them (the view's receive-info copies, see
 * SteadyStateAllocationTest).
 */
class TransformationAllocationTest {

    @Test
    void warmTransformationsAllocateNothing() {
        try (ScriptHarness h = ScriptHarness.of("""
                log_level=3
                route {
                    $var(u) = $(ru{uri.user}{s.toupper});
                    if ($(rU{s.len}) > 2) $var(l) = $(ru{uri.host}{s.substr,0,6});
                    $var(t) = $(hdr(From){nameaddr.param,tag});
                    $var(f) = $(hdr(From){nameaddr.uri}{uri.user});
                    $var(p) = "a=1;b=two";
                    $var(b) = $(var(p){param.value,b});
                    $var(c) = $(var(p){param.count});
                    $var(i) = $(ci{s.index,@});
                    $var(s) = $(ci{s.select,1,@}{s.md5});
                    $var(h) = $(rU{s.encode.hexa});
                    xlog("L_DBG", "$var(u) $var(l) $var(t) $var(f) $var(b) $var(c) $var(i) $var(s) $var(h)\\n");
                }
                """)) {
            long perMessage = RouteAllocation.bytesPerRequest(h, 50_000, 10_000);
            assertTrue(perMessage <= 96, "allocated " + perMessage + " bytes per message");
        }
    }
}
