#!/usr/bin/env bash
# Builds OpenSIPS 1.11 modules from a real 1.11 source tree against the sipbridge SDK
# (include/) exactly as a module author would, checks that every symbol they leave
# undefined is exported by the core, and loads each one through sipbridge (dlopen
# RTLD_NOW, version check, modparams, init, fixups, child init, probe calls, destroy).
#
# It downloads nothing and is not part of the test suite. Get a 1.11 tree first, e.g.
#   git clone -b 1.11 https://github.com/OpenSIPS/opensips.git opensips-1.11
# or unpack an opensips-1.11.x source tarball, then:
#
#   scripts/check-opensips-compat.sh -t ../opensips-1.11            # default module list
#   scripts/check-opensips-compat.sh -t ../opensips-1.11/modules -m "maxfwd benchmark"
#
# Options:
#   -t DIR    the 1.11 tree (the folder holding sr_module.h and modules/) or its modules/
#   -m LIST   modules to check (space separated), or "all" for every module folder of
#             the tree; default: $DEFAULT_MODULES below
#   -p FILE   probe file (see "Probes" below); default: the built-in probes
#   -o DIR    scratch directory (default: a new mktemp dir, kept and printed)
#   -O FLAGS  optimisation flags (default "-O2"; 1.11 builds modules with -O9)
#   --stateful  after building (default modules: tm sl signaling options), run a server
#             with the real tm (children=4, a failure route) and drive SIPp through it:
#             UAS1 486 -> failure route -> UAS2 200; a UAS that never answers -> 408;
#             CANCEL after 180 -> 487 (+ 200 for the CANCEL); an INVITE copy answered
#             with the last reply; options_reply and
#             signaling's send_reply over tm when those modules built. Result table.
#   -n CALLS, -r RATE   stateful mode: calls per scenario (default 20) and calls per
#             second (default 10); then a load row: the fork scenario with
#             $STATEFUL_LOAD_CALLS calls (200) at $STATEFUL_LOAD_RATE calls/s (40)
#
# Probes: one line per module, "<name>.so [param=value ...] [-- fn(arg,...) ...]": the
# modparams are set before init, each fn(...) is bound (its fixups run) and then called
# on an INVITE; a call "passes" when it returns non-zero (0 means "stop the script").
# "<driver>.so+<name>.so ..." loads the driver module first (e.g. db_text.so+auth_db.so).
# A value in double quotes may hold spaces (param="a b"); "module:param=value" sets a
# parameter of another module of the line (db_virtual.so+alias_db.so
# db_virtual:db_urls="define set1 FAILOVER" db_url=virtual://set1).
# Modules without a probe line are loaded, initialised and destroyed only.
#
# Requires a built tree (target/sipbridge.jar, target/native/libsipbridge.so:
# "mvn -B -DskipTests package"), gcc, nm, javac/java 17.
#
# Exit status: 0 when every module present in the tree passed every stage, 1 otherwise,
# 2 on a usage or setup error.
set -uo pipefail

REPO="$(cd "$(dirname "$0")/.." && pwd)"
SDK="$REPO/include"
JAR="$REPO/target/sipbridge.jar"
CORE="$REPO/target/native/libsipbridge.so"
DEFAULT_MODULES="maxfwd benchmark gflags statistics textops sipmsgops options signaling cfgutils pike mangler uri sl exec"
OPT="-O2"
TREE=""
MODULES="$DEFAULT_MODULES"
PROBES=""
WORK=""

usage() { sed -n '2,40p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }

STATEFUL=0
CALLS=20
RATE=10
args=()
for a in "$@"; do
  if [ "$a" = "--stateful" ]; then STATEFUL=1; else args+=("$a"); fi
done
set -- "${args[@]+"${args[@]}"}"


while getopts "t:m:p:o:O:n:r:h" opt; do
  case "$opt" in
    t) TREE="$OPTARG" ;;
    m) MODULES="$OPTARG" ;;
    p) PROBES="$OPTARG" ;;
    o) WORK="$OPTARG" ;;
    O) OPT="$OPTARG" ;;
    n) CALLS="$OPTARG" ;;
    r) RATE="$OPTARG" ;;
    *) usage ;;
  esac
done
[ -n "$TREE" ] || usage
if [ "$STATEFUL" = 1 ] && [ "$MODULES" = "$DEFAULT_MODULES" ]; then
  MODULES="tm sl signaling options"
fi

if [ -d "$TREE/modules" ]; then
  MODSRC="$(cd "$TREE/modules" && pwd)"
  ROOT="$(cd "$TREE" && pwd)"
else
  MODSRC="$(cd "$TREE" && pwd)"
  ROOT="$(cd "$TREE/.." && pwd)"
fi
for f in "$JAR" "$CORE"; do
  if [ ! -f "$f" ]; then
    echo "missing $f: build sipbridge first (mvn -B -DskipTests package)" >&2
    exit 2
  fi
done
for t in gcc nm javac java; do
  command -v "$t" >/dev/null || { echo "missing tool: $t" >&2; exit 2; }
done

if [ -f "$ROOT/Makefile.defs" ]; then
  REL="$(awk -F' *= *' '/^VERSION *=/{v=$2} /^PATCHLEVEL *=/{p=$2} /^SUBLEVEL *=/{s=$2} END{if (v!="") print v"."p"."s}' "$ROOT/Makefile.defs")"
  echo "source tree: $ROOT (Makefile.defs says ${REL:-unknown})"
  case "$REL" in
    1.11.*) ;;
    *) echo "warning: this is not an OpenSIPS 1.11 tree; results say little about 1.11" >&2 ;;
  esac
else
  echo "source tree: $MODSRC (no Makefile.defs next to it: version unknown)"
fi

[ -n "$WORK" ] || WORK="$(mktemp -d /tmp/sipbridge-opensips-compat.XXXXXX)"
mkdir -p "$WORK/modules" "$WORK/out" "$WORK/log" "$WORK/java"
echo "scratch directory: $WORK"

if [ "$MODULES" = "all" ]; then
  MODULES="$(cd "$MODSRC" && for d in */; do [ -n "$(ls "$d"*.c 2>/dev/null)" ] && echo "${d%/}"; done | tr '\n' ' ')"
fi

# The module sources go two folders below an empty root: "../../x.h" must find the SDK
# (through the anchor), never the 1.11 core headers; "../tm/tm_load.h" and other
# sibling-module headers must still be found, so every module folder is copied.
cp -R "$MODSRC/." "$WORK/modules/"

# What 1.11's Makefile.defs passes to every module on Linux/x86_64 (the -D flags its
# headers test; NAME/VERSION/ARCH are overridden by the SDK's version.h), and its
# C dialect: gcc 5 and later build 1.11 with -std=gnu89.
DEFS=(-DNAME='"opensips"' -DVERSION='"1.11-check"' -DARCH='"x86_64"' -DOS='"linux"'
  -DCOMPILER='"gcc"' -D__CPU_x86_64 -D__OS_linux -D__SMP_yes
  -DCFG_DIR='"/usr/local/etc/opensips/"' -DPKG_MALLOC -DSHM_MEM -DSHM_MMAP -DUSE_IPV6
  -DUSE_MCAST -DUSE_TCP -DDISABLE_NAGLE -DHAVE_RESOLV_RES -DSTATISTICS
  -DCHANGEABLE_DEBUG_LEVEL -DF_MALLOC -DFAST_LOCK -DADAPTIVE_WAIT
  -DADAPTIVE_WAIT_LOOPS=1024 -DHAVE_GETHOSTBYNAME2 -DHAVE_UNION_SEMUN -DHAVE_SCHED_YIELD
  -DHAVE_MSG_NOSIGNAL -DHAVE_MSGHDR_MSG_CONTROL -DHAVE_ALLOCA_H -DHAVE_TIMEGM
  -DHAVE_EPOLL -DHAVE_SIGIO_RT -DHAVE_SELECT)
CFLAGS=(-std=gnu89 $OPT -fPIC -shared -Wall -fno-common)

nm -D --defined-only "$CORE" | awk '{print $3}' | sort -u > "$WORK/core-symbols.txt"

declare -A COMPILE LINK
PRESENT=()
for m in $MODULES; do
  dir="$WORK/modules/$m"
  if [ ! -d "$dir" ]; then
    COMPILE[$m]="absent"
    continue
  fi
  PRESENT+=("$m")
  srcs=("$dir"/*.c)
  if gcc "${CFLAGS[@]}" -DMOD_NAME="\"$m\"" "${DEFS[@]}" -I "$SDK/modules/_anchor" \
      "${srcs[@]}" -o "$WORK/out/$m.so" > "$WORK/log/$m.compile.log" 2>&1; then
    w="$(grep -c 'warning:' "$WORK/log/$m.compile.log")"
    COMPILE[$m]="yes ($w warnings)"
  elif grep -q 'multiple definition of' "$WORK/log/$m.compile.log" &&
      gcc "${CFLAGS[@]}" -fcommon -DMOD_NAME="\"$m\"" "${DEFS[@]}" -I "$SDK/modules/_anchor" \
      "${srcs[@]}" -o "$WORK/out/$m.so" > "$WORK/log/$m.compile-fcommon.log" 2>&1; then
    # 1.11 was built when -fcommon was gcc's default (before gcc 10), and some modules
    # define the same global in two files: those get the flag 1.11 relied on, reported.
    w="$(grep -c 'warning:' "$WORK/log/$m.compile-fcommon.log")"
    COMPILE[$m]="yes, -fcommon ($w warnings)"
  else
    e="$(grep -c 'error' "$WORK/log/$m.compile.log")"
    COMPILE[$m]="NO ($e errors, log/$m.compile.log)"
    LINK[$m]="-"
    continue
  fi
  # Symbols the module needs from elsewhere: versioned ones come from libc; the rest
  # must be exported by the core (weak ones are optional).
  nm -D --undefined-only "$WORK/out/$m.so" | awk '$1=="U" && $2 !~ /@/ {print $2}' | sort -u \
    > "$WORK/log/$m.undefined.txt"
  comm -23 "$WORK/log/$m.undefined.txt" "$WORK/core-symbols.txt" > "$WORK/log/$m.missing.txt"
  n="$(wc -l < "$WORK/log/$m.missing.txt")"
  if [ "$n" -eq 0 ]; then
    LINK[$m]="yes"
  else
    LINK[$m]="NO: $(tr '\n' ' ' < "$WORK/log/$m.missing.txt")"
  fi
done

if [ "$STATEFUL" = 1 ]; then
  # shellcheck source=scripts/compat-stateful.sh
  . "$REPO/scripts/compat-stateful.sh"
  stateful_run
  exit $?
fi

# Built-in probes for modules of the default list; others are only loaded.
PROBE_FILE="$WORK/java/probes.txt"
if [ -n "$PROBES" ]; then
  cp "$PROBES" "$PROBE_FILE"
else
  cat > "$PROBE_FILE.all" <<'EOF'
maxfwd.so max_limit=70 -- mf_process_maxfwd_header("10") is_maxfwd_lt("80")
benchmark.so enable=1 granularity=2 -- bm_start_timer("t1") bm_log_timer("t1") bm_start_timer("t1") bm_log_timer("t1")
gflags.so initial=1 -- set_gflag("2") is_gflag("2") reset_gflag("2")
sangoma.so -- print() print("sipbridge")
peering.so aaa_url=radius:/etc/radiusclient-ng/radiusclient.conf
EOF
  : > "$PROBE_FILE"
fi
for m in "${PRESENT[@]}"; do
  [ -f "$WORK/out/$m.so" ] || continue
  if [ -z "$PROBES" ]; then
    line="$(grep "^$m\.so" "$PROBE_FILE.all" || true)"
    echo "${line:-$m.so}" >> "$PROBE_FILE"
  fi
done

cat > "$WORK/java/CompatCheck.java" <<'EOF'
import org.sipbridge.core.ModuleSystem;
import org.sipbridge.core.Proto;
import org.sipbridge.core.ReceiveInfo;
import org.sipbridge.core.SipContext;
import org.sipbridge.module.Argument;
import org.sipbridge.module.CallSite;
import org.sipbridge.module.FunctionExport;
import org.sipbridge.module.RouteType;
import org.sipbridge.sip.Framing;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One ModuleSystem per module: load, modparams, init, bind, child init, calls, close. */
public final class CompatCheck {
    private static final String INVITE = "INVITE sip:bob@example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 192.0.2.10:5062;branch=z9hG4bK776asdhds\r\n"
            + "Max-Forwards: 70\r\n"
            + "To: Bob <sip:bob@example.com>\r\n"
            + "From: Alice <sip:alice@example.com>;tag=1928301774\r\n"
            + "Call-ID: a84b4c76e66710@pc33.example.com\r\n"
            + "CSeq: 314159 INVITE\r\n"
            + "Contact: <sip:alice@192.0.2.10:5062>\r\n"
            + "Content-Length: 0\r\n\r\n";

    public static void main(String[] args) throws Exception {
        Path mpath = Path.of(args[0]);
        for (String line : Files.readAllLines(Path.of(args[1]))) {
            line = line.strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                check(mpath, line);
            }
        }
    }

    private static void check(Path mpath, String line) {
        String[] halves = line.split(" -- ", 2);
        // words; a value may be quoted to hold spaces: db_urls="define set1 FAILOVER"
        List<String> words = new ArrayList<>();
        java.util.regex.Matcher w = java.util.regex.Pattern.compile("(?:[^\\s\"]+|\"[^\"]*\")+")
                .matcher(halves[0].trim());
        while (w.find()) {
            words.add(w.group());
        }
        String[] head = words.toArray(new String[0]);
        // "db_text.so+auth_db.so": modules loaded first (a DB driver), then the one under test
        String[] files = head[0].split("\\+");
        String file = files[files.length - 1];
        String name = file.replaceFirst("\\.so$", "");
        List<String> calls = new ArrayList<>();
        if (halves.length > 1) {
            for (String c : halves[1].trim().split("\\s+(?=[A-Za-z_][A-Za-z0-9_]*\\()")) {
                if (!c.isBlank()) {
                    calls.add(c.trim());
                }
            }
        }
        String load = "no", init = "-", child = "-", destroy = "-";
        int callsOk = 0;
        String error = "";
        ModuleSystem ms = new ModuleSystem();
        try {
            ms.setMpath(List.of(mpath));
            for (String f : files) {
                ms.loadModule(f, null);
            }
            load = "yes";
            for (int i = 1; i < head.length; i++) {
                String[] kv = head[i].split("=", 2);
                // "module:param=value" sets a parameter of another module of the line
                String target = name, param = kv[0];
                if (param.contains(":")) {
                    target = param.substring(0, param.indexOf(':'));
                    param = param.substring(param.indexOf(':') + 1);
                }
                String text = kv[1].length() >= 2 && kv[1].startsWith("\"") && kv[1].endsWith("\"")
                        ? kv[1].substring(1, kv[1].length() - 1) : kv[1];
                Object v = text.matches("-?\\d+") ? (Object) Integer.valueOf(text) : text;
                ms.modparam(target, param, v);
            }
            init = "no";
            ms.initModules();
            init = "yes";
            List<CallSite> sites = new ArrayList<>();
            for (String c : calls) {
                String fn = c.substring(0, c.indexOf('('));
                String inner = c.substring(c.indexOf('(') + 1, c.lastIndexOf(')'));
                List<Argument> a = new ArrayList<>();
                if (!inner.isEmpty()) {
                    for (String s : inner.split(",")) {
                        a.add(Argument.string(s.trim().replaceAll("^\"|\"$", "")));
                    }
                }
                FunctionExport f = ms.lookup(fn, a.size(), RouteType.REQUEST);
                if (f == null) {
                    throw new IllegalStateException("no function " + fn + "/" + a.size());
                }
                sites.add(ms.bind(f, a));
            }
            child = "no";
            Throwable[] worker = new Throwable[1];
            Thread t = new Thread(() -> {
                try {
                    ms.childInit(1);
                } catch (Throwable e) {
                    worker[0] = e;
                }
            }, "worker-1");
            t.start();
            t.join();
            if (worker[0] != null) {
                throw new IllegalStateException("child init: " + worker[0].getMessage(), worker[0]);
            }
            ms.childInit(ModuleSystem.PROC_MAIN);
            child = "yes";
            byte[] b = INVITE.getBytes(StandardCharsets.US_ASCII);
            ReceiveInfo rcv = new ReceiveInfo(Proto.UDP, new InetSocketAddress("192.0.2.10", 5062),
                    new InetSocketAddress("127.0.0.1", 5060), 0);
            try (SipContext ctx = new SipContext()) {
                for (int i = 0; i < sites.size(); i++) {
                    ctx.load(ByteBuffer.wrap(b), 0, b.length, Framing.DATAGRAM, rcv);
                    int r = sites.get(i).call(ctx);
                    System.out.println("CALL " + name + " " + calls.get(i) + " -> " + r);
                    if (r != 0) {
                        callsOk++;
                    }
                }
            }
            destroy = "no";
            ms.close();
            destroy = "yes";
        } catch (Throwable e) {
            error = String.valueOf(e.getMessage()).replace('\t', ' ').replace('\n', ' ');
            try {
                ms.close();
            } catch (Throwable ignored) {
                // the error above is what is reported
            }
        }
        System.out.println("RESULT\t" + name + "\t" + load + "\t" + init + "\t" + child + "\t"
                + callsOk + "/" + calls.size() + "\t" + destroy + "\t" + error);
    }
}
EOF

declare -A LOAD INIT CHILD CALLS DESTROY WHY
if [ -s "$PROBE_FILE" ]; then
  if javac -cp "$JAR" -d "$WORK/java" "$WORK/java/CompatCheck.java" > "$WORK/log/javac.log" 2>&1; then
    # One JVM for all modules; a module that crashes it (a 1.11 module dereferencing an
    # unset parameter, say) is reported as such and the rest run in a new JVM.
    : > "$WORK/log/load.log"
    cp "$PROBE_FILE" "$WORK/java/pending.txt"
    while [ -s "$WORK/java/pending.txt" ]; do
      java -XX:ErrorFile="$WORK/log/hs_err_%p.log" -Dsipbridge.core="$CORE" -cp "$JAR:$WORK/java" \
        CompatCheck "$WORK/out" "$WORK/java/pending.txt" \
        > "$WORK/log/load.part.log" 2>&1
      rc=$?
      cat "$WORK/log/load.part.log" >> "$WORK/log/load.log"
      while IFS=$'\t' read -r tag m l i c k d why; do
        [ "$tag" = "RESULT" ] || continue
        LOAD[$m]="$l"; INIT[$m]="$i"; CHILD[$m]="$c"; CALLS[$m]="$k"; DESTROY[$m]="$d"; WHY[$m]="$why"
      done < "$WORK/log/load.part.log"
      : > "$WORK/java/rest.txt"
      crashed=""
      while read -r line; do
        m="${line%%.so*}"
        [ -n "${LOAD[$m]:-}" ] && continue
        if [ -z "$crashed" ] && [ $rc -ne 0 ]; then
          crashed="$m"
          LOAD[$m]="crash"; WHY[$m]="the JVM died in this module (exit $rc, see log/load.log)"
          continue
        fi
        echo "$line" >> "$WORK/java/rest.txt"
      done < "$WORK/java/pending.txt"
      [ -n "$crashed" ] || break
      mv "$WORK/java/rest.txt" "$WORK/java/pending.txt"
    done
  else
    echo "javac failed, see $WORK/log/javac.log" >&2
  fi
fi

status=0
printf '\n%-11s | %-26s | %-5s | %-5s | %-4s | %-5s | %-5s | %-7s | %s\n' \
  module compiles links loads init child calls destroy notes
printf '%s\n' "------------+----------------------------+-------+-------+------+-------+-------+---------+------"
for m in $MODULES; do
  comp="${COMPILE[$m]}"
  if [ "$comp" = "absent" ]; then
    printf '%-11s | %-26s |\n' "$m" "not in the tree"
    continue
  fi
  link="${LINK[$m]:--}"
  short_link="$link"
  note="${WHY[$m]:-}"
  case "$link" in NO:*) short_link="NO"; note="missing: ${link#NO: }; $note" ;; esac
  printf '%-11s | %-26s | %-5s | %-5s | %-4s | %-5s | %-5s | %-7s | %s\n' "$m" "$comp" \
    "$short_link" "${LOAD[$m]:--}" "${INIT[$m]:--}" "${CHILD[$m]:--}" "${CALLS[$m]:--}" \
    "${DESTROY[$m]:--}" "$note"
  case "$comp" in yes*) ;; *) status=1 ;; esac
  [ "$link" = "yes" ] || status=1
  [ "${DESTROY[$m]:-}" = "yes" ] || status=1
  calls="${CALLS[$m]:-0/0}"
  [ "${calls%/*}" = "${calls#*/}" ] || status=1
done
echo
echo "logs: $WORK/log (compile logs, undefined/missing symbols, load.log)"
exit $status
