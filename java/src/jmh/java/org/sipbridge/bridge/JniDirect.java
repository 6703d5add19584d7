package org.sipbridge.bridge;

/** JNI reference for the bridge benchmark (native/bench/jni_direct.c). */
final class JniDirect {
    private JniDirect() {
    }

    static native int call(long function, long msg, long p1);
}
