package org.sipbridge.core;

import org.junit.jupiter.api.Test;
import org.sipbridge.module.JavaModule;

import static org.junit.jupiter.api.Assertions.*;

/** Native module records are released at unload, so a long-lived JVM never runs out. */
class ModuleRecordReuseTest {

    static final class Tiny extends JavaModule {
        Tiny() {
            super("tiny");
        }
    }

    @Test
    void moreLoadsThanTheNativeTableHasRoomFor() {
        for (int i = 0; i < 1500; i++) {   // the native table holds 1023 modules
            try (ModuleSystem ms = new ModuleSystem()) {
                Tiny t = new Tiny();
                ms.addJavaModule(t);
                assertTrue(t.nativeIndex() > 0);
            }
        }
    }
}
