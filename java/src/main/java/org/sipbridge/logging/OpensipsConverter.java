package org.sipbridge.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** {@code %opensips} in a logback pattern: the OpenSIPS line without stamp (for syslog and logback files). */
public final class OpensipsConverter extends ClassicConverter {
    private final OpensipsLayout layout = new OpensipsLayout();

    public OpensipsConverter() {
        layout.setStamp(false);
    }

    @Override
    public String convert(ILoggingEvent e) {
        String line = layout.doLayout(e);
        return line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
    }
}
