#!/usr/bin/env python3
"""Summarises a JFR recording of the server under load (scripts/profile-alloc.sh).

    jfr-report.py alloc RECORDING MESSAGES   bytes allocated per message, per thread group,
                                             and the allocation sites (sampled) behind them
    jfr-report.py cpu RECORDING MESSAGES     where the server threads' samples fall

Reads the recording through `jfr print --json` (the JDK's own tool). Thread groups are the
server's thread names: sip-worker-N (routing), sip-udp-N (receiving), the rest ("other":
watchdog, timers, JIT and GC threads are not Java threads and do not appear).
"""
import collections
import json
import subprocess
import sys

TOP = 15


def events(recording, *names):
    out = subprocess.run(["jfr", "print", "--json", "--events", ",".join(names), recording],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)["recording"]["events"]


def group(thread):
    name = (thread or {}).get("javaName") or (thread or {}).get("osName") or "?"
    for prefix in ("sip-worker-", "sip-udp-", "sip-tcp-"):
        if name.startswith(prefix):
            return prefix.rstrip("-")
    return "other"


def frame_text(f):
    m = f["method"]
    cls = m["type"]["name"].replace("/", ".")
    return "%s.%s:%s" % (cls.rsplit(".", 1)[-1], m["name"], f.get("lineNumber", "?"))


def frames(ev):
    st = ev["values"].get("stackTrace") or {}
    return st.get("frames") or []


def alloc(recording, messages):
    # Exact totals: the per-thread allocation counters (cumulative), first and last sample.
    first, last, names = {}, {}, {}
    for ev in events(recording, "jdk.ThreadAllocationStatistics"):
        v = ev["values"]
        t = v["thread"]
        key = t.get("javaThreadId") or t.get("osThreadId")
        names[key] = t
        first.setdefault(key, v["allocated"])
        last[key] = v["allocated"]
    per_group = collections.Counter()
    for key, t in names.items():
        per_group[group(t)] += last[key] - first[key]
    print("messages through the proxy: %d" % messages)
    print("bytes allocated over the recording (exact, per-thread counters):")
    for g in ("sip-worker", "sip-udp", "sip-tcp", "other"):
        if g in per_group:
            print("  %-11s %12d bytes  %10.1f bytes/message" % (g, per_group[g], per_group[g] / messages))
    hot = per_group["sip-worker"] + per_group["sip-udp"] + per_group["sip-tcp"]
    print("  %-11s %12d bytes  %10.1f bytes/message" % ("path total", hot, hot / messages))
    print("PATH_BYTES_PER_MESSAGE %.1f" % (hot / messages))

    # Where: sampled allocations (weight = bytes the sample stands for), server threads only.
    sites = collections.Counter()
    classes = {}
    total = 0
    for ev in events(recording, "jdk.ObjectAllocationSample"):
        v = ev["values"]
        if group(v.get("eventThread")) == "other":
            continue
        fs = frames(ev)
        key = " < ".join(frame_text(f) for f in fs[:6])
        w = v.get("weight", 0)
        sites[(group(v.get("eventThread")), v["objectClass"]["name"], key)] += w
        total += w
    if not total:
        print("no allocation samples on the server threads")
        return
    print("allocation sites on the message path (sampled; share of the sampled bytes, est. bytes/message):")
    for (g, cls, key), w in sites.most_common(TOP):
        print("  %5.1f%% %8.1f B/msg  %-10s %s\n           at %s" % (100.0 * w / total, w / messages, g, cls, key))


# sb_rx_wait: a worker of udp_receive_mode inline waiting in poll on its sockets and eventfd
IDLE_TOPS = ("epollWait", "epollBusyWait", "park", "sleep", "wait", "poll0", "accept", "sb_rx_wait")


def cpu(recording, messages):
    busy = collections.Counter()
    idle = collections.Counter()
    self_frames = collections.defaultdict(collections.Counter)
    inclusive = collections.defaultdict(collections.Counter)
    for ev in events(recording, "jdk.ExecutionSample", "jdk.NativeMethodSample"):
        v = ev["values"]
        g = group(v.get("sampledThread"))
        if g == "other":
            continue
        fs = frames(ev)
        if not fs:
            continue
        top = fs[0]["method"]["name"]
        if ev["type"] == "jdk.NativeMethodSample" and top in IDLE_TOPS:
            idle[g] += 1
            continue
        busy[g] += 1
        self_frames[g][frame_text(fs[0]).rsplit(":", 1)[0]] += 1
        seen = set()
        for f in fs:
            m = f["method"]
            name = m["type"]["name"].replace("/", ".")
            if name.startswith("org.sipbridge") or name.startswith("io.netty") or name.startswith("jnr"):
                k = name.rsplit(".", 1)[-1] + "." + m["name"]
                if k not in seen:
                    seen.add(k)
                    inclusive[g][k] += 1
    print("messages through the proxy: %d" % messages)
    for g in sorted(busy):
        n = busy[g]
        print("%s: %d busy samples, %d idle (parked / in epoll_wait)" % (g, n, idle[g]))
        print("  top frames (self, %% of busy samples):")
        for k, c in self_frames[g].most_common(TOP):
            print("    %5.1f%%  %s" % (100.0 * c / n, k))
        print("  methods on the stack (inclusive, %% of busy samples):")
        for k, c in inclusive[g].most_common(TOP + 10):
            print("    %5.1f%%  %s" % (100.0 * c / n, k))


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("alloc", "cpu"):
        sys.exit(__doc__)
    messages = int(sys.argv[3])
    if messages <= 0:
        sys.exit("no messages went through the proxy")
    (alloc if sys.argv[1] == "alloc" else cpu)(sys.argv[2], messages)


if __name__ == "__main__":
    main()
