package org.sipbridge.ops;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.sipbridge.server.transport.WorkerSnapshot;
import org.sipbridge.server.transport.WorkerTiming;
import org.sipbridge.stats.Stat;
import org.sipbridge.stats.StatsRegistry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code GET /metrics} (the stand-in for OpenSIPS 3.x's prometheus module), with the
 * Prometheus Java client: every statistic as {@code <prefix>_<group>_<name>} (a counter when
 * it only grows, else a gauge), the JVM's figures (memory, GC, threads...: the client's
 * JvmMetrics), and per worker its queue depth and a histogram of handling times. Everything
 * is read at scrape time from counters the server keeps anyway.
 */
public final class Metrics {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = new PrometheusTextFormatWriter(false);

    public Metrics(String prefix, StatsRegistry stats, Supplier<List<WorkerSnapshot>> workers) {
        JvmMetrics.builder().register(registry);
        registry.register((MultiCollector) () -> collect(prefix, stats, workers));
    }

    public String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }

    public byte[] scrape() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        writer.write(out, registry.scrape());
        return out.toByteArray();
    }

    private static MetricSnapshots collect(String prefix, StatsRegistry stats, Supplier<List<WorkerSnapshot>> workers) {
        List<MetricSnapshot> l = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Stat s : stats.all()) {
            String name = sanitize(prefix + "_" + s.group() + "_" + s.name());
            if (s.incremental() && name.endsWith("_total")) {
                name = name.substring(0, name.length() - "_total".length());
            }
            if (!seen.add(name)) {
                continue;
            }
            long v = s.value().getAsLong();
            String help = "OpenSIPS statistic " + s.fullName();
            if (s.incremental()) {
                l.add(CounterSnapshot.builder().name(name).help(help)
                        .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(Math.max(0, v)).build())
                        .build());
            } else {
                l.add(GaugeSnapshot.builder().name(name).help(help)
                        .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(v).build()).build());
            }
        }
        List<WorkerSnapshot> ws = workers.get();
        if (!ws.isEmpty()) {
            GaugeSnapshot.Builder depth = GaugeSnapshot.builder().name(sanitize(prefix + "_worker_queue_depth"))
                    .help("messages waiting in a worker's queue");
            GaugeSnapshot.Builder capacity = GaugeSnapshot.builder()
                    .name(sanitize(prefix + "_worker_queue_capacity")).help("size of a worker's queue");
            HistogramSnapshot.Builder latency = HistogramSnapshot.builder()
                    .name(sanitize(prefix + "_worker_handle_seconds"))
                    .help("time a worker took to handle one message (parse, script, send)");
            double[] bounds = new double[WorkerTiming.BOUNDS_NANOS.length + 1];
            for (int i = 0; i < WorkerTiming.BOUNDS_NANOS.length; i++) {
                bounds[i] = WorkerTiming.BOUNDS_NANOS[i] / 1e9;
            }
            bounds[bounds.length - 1] = Double.POSITIVE_INFINITY;
            for (WorkerSnapshot w : ws) {
                Labels labels = Labels.of("worker", Integer.toString(w.rank()));
                depth.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(w.queueDepth()).build());
                capacity.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels)
                        .value(w.queueCapacity()).build());
                latency.dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder().labels(labels)
                        .classicHistogramBuckets(ClassicHistogramBuckets.of(bounds, w.timing().buckets()))
                        .sum(w.timing().sumNanos() / 1e9).build());
            }
            l.add(depth.build());
            l.add(capacity.build());
            l.add(latency.build());
        }
        return new MetricSnapshots(l);
    }

    /** A Prometheus metric name: [a-zA-Z_:][a-zA-Z0-9_:]*, other characters become '_'. */
    static String sanitize(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9');
            b.append(ok ? c : '_');
        }
        return b.toString();
    }
}
