package org.sipbridge.bridge;

import org.sipbridge.module.ModuleException;
import org.sipbridge.module.ParamExport;
import org.sipbridge.module.ParamType;

/**
 * One param_export_t. STR_PARAM stores a pkg copy the module may keep (released at unload
 * if the module still points at it), INT_PARAM stores the int, USE_FUNC_PARAM calls the
 * module's function with the value (a pkg copy for strings, which the module then owns).
 */
final class NativeParam implements ParamExport {
    static final int USE_FUNC_PARAM = 0x80000000;

    private final NativeModule module;
    private final String name;
    private final ParamType type;
    private final boolean usesFunction;
    private final long pointer;
    private long strCopy;

    NativeParam(NativeModule module, String name, ParamType type, boolean usesFunction, long pointer) {
        this.module = module;
        this.name = name;
        this.type = type;
        this.usesFunction = usesFunction;
        this.pointer = pointer;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ParamType type() {
        return type;
    }

    @Override
    public boolean usesFunction() {
        return usesFunction;
    }

    @Override
    public void set(Object value) {
        CoreCalls calls = module.calls();
        int idx = module.nativeIndex();
        if (pointer == 0) {
            throw new ModuleException("parameter <" + name + "> of module <" + module.name() + "> has no storage (NULL pointer)");
        }
        if (usesFunction) {
            long v = type == ParamType.STRING ? calls.sb_pkg_strdup(idx, (String) value) : (long) (Integer) value;
            int r = calls.sb_call_param_func(idx, pointer, type.flag, v);
            if (r < 0) {
                if (type == ParamType.STRING) {
                    calls.sb_pkg_free(v);
                }
                throw new ModuleException("module <" + module.name() + "> refused value " + quote(value)
                        + " for parameter <" + name + "> (returned " + r + ")");
            }
        } else if (type == ParamType.STRING) {
            if (strCopy != 0) {
                calls.sb_release_str_param(pointer, strCopy);
            }
            strCopy = calls.sb_set_str_param(idx, pointer, (String) value);
            if (strCopy == 0) {
                throw new ModuleException("out of memory setting parameter <" + name + ">");
            }
        } else {
            calls.sb_set_int_param(pointer, (Integer) value);
        }
    }

    long pointer() {
        return pointer;
    }

    /** At unload: free our STR_PARAM copy if the module still points at it. */
    void release() {
        if (strCopy != 0) {
            module.calls().sb_release_str_param(pointer, strCopy);
            strCopy = 0;
        }
    }

    private static String quote(Object v) {
        return v instanceof String ? "\"" + v + "\"" : String.valueOf(v);
    }
}
