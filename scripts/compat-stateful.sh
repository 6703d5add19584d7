# The stateful mode of check-opensips-compat.sh (sourced by it, not run alone): a server
# with the real tm built a moment ago on mpath, 4 workers, a failure route, and SIPp
# scenarios through it. Uses the checker's variables: WORK, REPO, JAR, CORE, COMPILE,
# LINK, CALLS, RATE. Every process it starts is bounded by a timeout and stopped by pid.

# shellcheck source=scripts/lib/free-ports.sh
. "$REPO/scripts/lib/free-ports.sh"

built() { case "${COMPILE[$1]:-}" in yes*) [ "${LINK[$1]:-}" = "yes" ] ;; *) false ;; esac; }

# A scenario's counts from SIPp's final screen: "<successful> <failed>"
sipp_counts() {
  awk -F'|' '/Successful call/ {s=$3} /Failed call/ {f=$3} END {gsub(/ /,"",s); gsub(/ /,"",f); print (s==""?0:s), (f==""?0:f)}' "$1"
}

stateful_run() {
  local SC="$WORK/stateful" E2E="$REPO/java/src/test/resources/e2e"
  mkdir -p "$SC"
  for t in sipp python3; do
    command -v "$t" >/dev/null || { echo "missing tool for --stateful: $t" >&2; return 2; }
  done
  if ! built tm; then
    echo "tm did not build (${COMPILE[tm]:-absent}; link: ${LINK[tm]:--}): no stateful run" >&2
    return 1
  fi
  read -r P0 P1 P2 P3 P4 P5 <<< "$(free_ports udp 6)"

  # scenarios the suite does not have: a UAS that never answers, a UAC expecting a 408,
  # a MESSAGE answered 404 by the proxy (signaling)
  cat > "$SC/uas-silent.xml" <<'XML'
<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="uas that never answers">
  <recv request="INVITE"/>
  <recv request="INVITE" optional="true" timeout="60000" ontimeout="1"/>
  <label id="1"/>
</scenario>
XML
  sed -e '/<action>/,/<\/action>/d' -e 's|<recv response="408">|<recv response="408"/>|' \
      -e '/<Reference/d' "$E2E/tm/uac-timeout.xml" | sed '/^ *<\/recv> *$/d' > "$SC/uac-408.xml"
  cat > "$SC/uac-sig.xml" <<'XML'
<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="MESSAGE answered 404 by signaling send_reply over tm">
  <send retrans="500">
    <![CDATA[
      MESSAGE sip:sig@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: <sip:sipp@[local_ip]:[local_port]>;tag=[pid]m[call_number]
      To: <sip:sig@[remote_ip]:[remote_port]>
      Call-ID: [call_id]
      CSeq: 1 MESSAGE
      Max-Forwards: 70
      Content-Length: 0
    ]]>
  </send>
  <recv response="404"/>
</scenario>
XML

  local extra_load="" extra_route=""
  if built options; then
    extra_load+=$'loadmodule "options.so"\n'
    extra_route+=$'\tif (is_method("OPTIONS")) { options_reply(); exit; }\n'
  fi
  if built signaling; then
    extra_load+=$'loadmodule "signaling.so"\n'
    extra_route+=$'\tif ($rU == "sig") { t_newtran(); send_reply("404", "Not Here"); exit; }\n'
  fi
  cat > "$SC/stateful.cfg" <<CFG
listen=udp:127.0.0.1:$P0
children=4
log_level=3
log_stderror=yes
mpath="$WORK/out"
loadmodule "tm.so"
${extra_load}modparam("tm", "fr_timeout", 2)
modparam("tm", "fr_inv_timeout", 4)
route {
${extra_route}	if (is_method("CANCEL")) { t_relay(); exit; }
	if (is_method("INVITE")) { t_on_failure("next"); }
	if (!t_relay()) { sl_send_reply("500", "Could Not Relay"); }
	exit;
}
failure_route[next] {
	if (t_was_cancelled()) { exit; }
	if (t_check_status("486")) {
		\$ru = "sip:uas2@127.0.0.1:$P2";
		t_relay();
	}
}
CFG

  local total_s=$(( CALLS * 2 / RATE + 120 ))
  timeout "$total_s" java -Dsipbridge.core="$CORE" -jar "$JAR" -f "$SC/stateful.cfg" \
    > "$WORK/log/stateful-server.log" 2>&1 &
  local SRV=$!
  local uas_pids=()
  start_uas() {   # port scenario-args...
    local port=$1; shift
    timeout "$total_s" sipp "$@" -i 127.0.0.1 -p "$port" -nostdin -trace_err \
      -error_file "$SC/uas-$port.err" > "$SC/uas-$port.out" 2>&1 &
    uas_pids+=($!)
  }
  start_uas "$P1" -sf "$E2E/tm/uas-busy.xml"
  start_uas "$P2" -sn uas
  start_uas "$P3" -sf "$SC/uas-silent.xml"
  start_uas "$P4" -sf "$E2E/tm/uas-cancel.xml"
  local i
  for i in $(seq 60); do
    grep -q "ready:" "$WORK/log/stateful-server.log" && break
    kill -0 "$SRV" 2>/dev/null || break
    sleep 0.5
  done
  if ! grep -q "ready:" "$WORK/log/stateful-server.log"; then
    echo "the server did not start: $WORK/log/stateful-server.log" >&2
    tail -20 "$WORK/log/stateful-server.log" >&2
    kill "$SRV" "${uas_pids[@]}" 2>/dev/null
    return 1
  fi
  local serving
  serving="$(grep -E 'INFO:core:server: +tm ' "$WORK/log/stateful-server.log" | sed 's/.*server: *//')"

  local rows=() status=0
  uac() {   # name expected calls rate target scenario-args...
    local name=$1 expected=$2 n=$3 r=$4 target=$5; shift 5
    local out="$SC/uac-$name.out"
    timeout $(( n / r + 60 )) sipp "$@" -s uas "$target" -rsa "127.0.0.1:$P0" -i 127.0.0.1 \
      -p "$P5" -m "$n" -r "$r" -timeout $(( n / r + 40 )) -nostdin -trace_err \
      -error_file "$SC/uac-$name.err" > "$out" 2>&1
    local counts ok failed
    counts="$(sipp_counts "$out")"
    ok="${counts% *}"; failed="${counts#* }"
    local verdict=pass
    [ "$ok" = "$n" ] && [ "$failed" = 0 ] || { verdict=FAIL; status=1; }
    rows+=("$(printf '%-22s | %-38s | %5s | %5s | %6s | %s' "$name" "$expected" "$n" "$ok" "$failed" "$verdict")")
  }
  # A UAC that sends its INVITE twice (same branch) after the 100: tm matches the copy to
  # the transaction and answers it with its last reply (the 100) instead of forwarding it.
  # SIPp would answer the replayed 100 with its INVITE again, so this one is a small
  # Python client. Target: the silent UAS (the transaction then ends in a 408).
  retransmissions() {   # calls target
    local n=$1 target=$2 counts ok failed verdict=pass
    counts="$(python3 - "$n" "$P0" "$target" <<'PY'
import socket, sys, time
n, proxy, target = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 0))
port = s.getsockname()[1]
ok = 0
def hundreds(cid, want, deadline):
    got = 0
    while got < want and time.time() < deadline:
        s.settimeout(max(0.01, deadline - time.time()))
        try:
            data = s.recv(65535).decode("latin-1")
        except socket.timeout:
            break
        if data.startswith("SIP/2.0 100 ") and ("Call-ID: " + cid) in data:
            got += 1
    return got
for i in range(n):
    cid = "retrans-%d-%d@127.0.0.1" % (i, port)
    inv = ("INVITE sip:uas@%s SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:%d;branch=z9hG4bKre%d\r\n"
           "From: <sip:a@127.0.0.1:%d>;tag=r%d\r\nTo: <sip:uas@%s>\r\nCall-ID: %s\r\n"
           "CSeq: 1 INVITE\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n"
           % (target, port, i, port, i, target, cid)).encode()
    s.sendto(inv, ("127.0.0.1", proxy))
    first = hundreds(cid, 1, time.time() + 2)
    s.sendto(inv, ("127.0.0.1", proxy))
    again = hundreds(cid, 1, time.time() + 2)
    ok += 1 if first == 1 and again == 1 else 0
print(ok, n - ok)
PY
)"
    ok="${counts% *}"; failed="${counts#* }"
    [ "$ok" = "$n" ] || { verdict=FAIL; status=1; }
    rows+=("$(printf '%-22s | %-38s | %5s | %5s | %6s | %s' "retransmission" "INVITE copy after 100: 100 replayed" "$n" "$ok" "$failed" "$verdict")")
  }
  uac "fork-486-to-200" "UAS1 486, failure route, UAS2 200" "$CALLS" "$RATE" "127.0.0.1:$P1" -sf "$E2E/tm/uac-call.xml"
  uac "direct-200" "UAS2 180/200, ACK, BYE" "$CALLS" "$RATE" "127.0.0.1:$P2" -sf "$E2E/tm/uac-call.xml"
  uac "no-answer-408" "no answer: 408 after fr_timeout (2 s)" "$CALLS" "$RATE" "127.0.0.1:$P3" -sf "$SC/uac-408.xml"
  uac "cancel-487" "180, CANCEL: 200 + 487" "$CALLS" "$RATE" "127.0.0.1:$P4" -sf "$E2E/tm/uac-cancel.xml"
  retransmissions "$CALLS" "127.0.0.1:$P3"
  if built options; then
    uac "options_reply" "OPTIONS answered 200 by options" "$CALLS" "$RATE" "127.0.0.1:$P0" -sf "$E2E/options-uac.xml"
  fi
  if built signaling; then
    uac "signaling send_reply" "MESSAGE: t_newtran, send_reply 404" "$CALLS" "$RATE" "127.0.0.1:$P0" -sf "$SC/uac-sig.xml"
  fi
  local load_n="${STATEFUL_LOAD_CALLS:-200}" load_r="${STATEFUL_LOAD_RATE:-40}"
  uac "load-fork" "$load_n calls at $load_r cps via failure route" "$load_n" "$load_r" "127.0.0.1:$P1" -sf "$E2E/tm/uac-call.xml"

  kill "$SRV" 2>/dev/null
  wait "$SRV" 2>/dev/null
  kill "${uas_pids[@]}" 2>/dev/null
  wait "${uas_pids[@]}" 2>/dev/null
  local errors
  errors="$(grep -c -E '(ERROR|CRITICAL|BUG)' "$WORK/log/stateful-server.log")"

  echo
  echo "stateful run: 4 workers, tm served by: ${serving:-?}"
  printf '%-22s | %-38s | %5s | %5s | %6s | %s\n' scenario expected calls ok failed result
  printf '%s\n' "-----------------------+----------------------------------------+-------+-------+--------+-------"
  printf '%s\n' "${rows[@]}"
  echo "server log: $WORK/log/stateful-server.log ($errors ERROR/BUG lines); SIPp output: $SC"
  [ "$errors" = 0 ] || status=1
  return $status
}
