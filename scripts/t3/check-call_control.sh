# call_control (sourced by scripts/check-t3-modules.sh). The module needs AG Projects'
# callcontrol daemon (not part of OpenSIPS); scripts/t3/callcontrol-peer.py speaks its
# socket protocol for the check: "Limited" calls are followed (init, start at the 200, stop
# at the BYE); "No credit" -> 402; without the daemon call_control() returns -5 -> 503.
check_call_control() {
  local c=call_control dir="$WORK/call_control" sock="$WORK/call_control.sock"
  rm -rf "$dir"; mkdir -p "$dir"
  sed -i "s|@CC_SOCKET@|$sock|" "$(make_cfg $c)"   # make_cfg knows no @CC_SOCKET@
  python3 "$SCEN/callcontrol-peer.py" "$sock" "$dir/peer.log" 40 > "$dir/peer.out" 2>&1 &
  local peer=$! i
  for i in $(seq 1 50); do grep -q ready "$dir/peer.out" 2>/dev/null && break; sleep 0.1; done
  if ! start_server $c "$WORK/cfg/$c.cfg"; then
    result $c "starts with $c.cfg" BLOCKED "$(why_not_started "$dir/server.log")"
    kill "$peer" 2>/dev/null; wait "$peer" 2>/dev/null
    return
  fi
  sipp_bg "$dir" bob -sf "$STOCK/uas-answer.xml" -i "$ADDR" -p 5062 -key user bob -m 2 -timeout 30s -timeout_error
  local bob=$SIPP_PID
  sipp_run "$dir" alice -sf "$STOCK/uac-call.xml" "$ADDR:5060" -i "$ADDR" -p 5061 -s bob -key caller alice \
    -m 2 -r 2 -d 500 -timeout 20s -timeout_error
  local rc=$?
  sipp_wait "$bob" 5
  sleep 0.5
  local inits starts stops
  inits="$(grep -c '^init ' "$dir/peer.log" 2>/dev/null)"; starts="$(grep -c '^start ' "$dir/peer.log" 2>/dev/null)"
  stops="$(grep -c '^stop ' "$dir/peer.log" 2>/dev/null)"
  if [ "$rc" = 0 ] && [ "$(sipp_counts "$dir/alice")" = "2/0" ] && [ "$inits" = 2 ] && [ "$starts" = 2 ] && [ "$stops" = 2 ] \
      && [ "$(log_count $c 't3-check: call_control returned 1 ')" = 2 ]; then
    result $c "call_control, a limited call" pass "2 calls: init (call_control() returned 1, Limited), start at the 200 and stop at the BYE sent by the module's dialog callbacks (peer.log)"
  else
    result $c "call_control, a limited call" FAIL "sipp exit $rc ($(sipp_counts "$dir/alice")); daemon saw init $inits, start $starts, stop $stops (2 each); $(first_error "$dir/alice") $(grep -m1 ERROR "$dir/server.log")"
  fi
  sed "s/@CODE@/402/" "$STOCK/uac-final.xml" > "$dir/uac-402.xml"
  if sipp_run "$dir" nocredit -sf "$dir/uac-402.xml" "$ADDR:5060" -i "$ADDR" -p 5063 -s nocredit -m 1 -timeout 10s -timeout_error; then
    result $c "no credit -> 402" pass "the daemon answers No credit: call_control() returns -1, 402"
  else
    result $c "no credit -> 402" FAIL "$(first_error "$dir/nocredit") ($(sipp_counts "$dir/nocredit"))"
  fi
  kill "$peer" 2>/dev/null; wait "$peer" 2>/dev/null
  sed "s/@CODE@/503/" "$STOCK/uac-final.xml" > "$dir/uac-503.xml"
  if sipp_run "$dir" nodaemon -sf "$dir/uac-503.xml" "$ADDR:5060" -i "$ADDR" -p 5063 -s bob -m 1 -timeout 10s -timeout_error \
      && [ "$(log_count $c 't3-check: call_control returned -5 ')" = 1 ]; then
    result $c "no daemon -> 503" pass "without the daemon call_control() returns -5, 503"
  else
    result $c "no daemon -> 503" FAIL "$(first_error "$dir/nodaemon") ($(sipp_counts "$dir/nodaemon")); -5 logged $(log_count $c 't3-check: call_control returned -5 ') times"
  fi
}
