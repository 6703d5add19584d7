# sst (sourced by scripts/check-t3-modules.sh): sstCheckMin("1") rejects a Session-Expires
# below min_se with 422 + Min-SE; a caller without session timers gets the proxy's
# Session-Expires (sst_interval) added towards the callee; an acceptable one passes as it is.
check_sst() {
  local c=sst dir="$WORK/sst"
  begin $c "signaling sl tm rr maxfwd sipmsgops dialog sst" || return
  sipp_run "$dir" too-small -sf "$SCEN/uac-sst-422.xml" "$ADDR:5060" -i "$ADDR" -p 5061 -s bob -m 2 -r 2 \
    -timeout 15s -timeout_error
  local rc=$? minse
  minse="$(grep -A12 '^SIP/2.0 422' "$dir/too-small/messages.log" | grep -m1 -i '^Min-SE:' | tr -d '\r' | tr '[:upper:]' '[:lower:]')"
  if [ "$rc" = 0 ] && [ "$(sipp_counts "$dir/too-small")" = "2/0" ] && [ "$minse" = "min-se: 90" ]; then
    result $c "Session-Expires 60 < min_se -> 422" pass "2 INVITEs: 422 Session Timer Too Small with '$minse' (sstCheckMin(\"1\"))"
  else
    result $c "Session-Expires 60 < min_se -> 422" FAIL "sipp exit $rc ($(sipp_counts "$dir/too-small")), Min-SE '$minse'; $(first_error "$dir/too-small")"
  fi
  sipp_bg "$dir" bob -sf "$STOCK/uas-answer.xml" -i "$ADDR" -p 5062 -key user bob -m 4 -timeout 30s -timeout_error
  local bob=$SIPP_PID
  # no session timer asked for: the proxy asks for its sst_interval
  sed '/@SE@/d' "$SCEN/uac-sst.xml" > "$dir/uac-no-se.xml"
  sipp_run "$dir" no-se -sf "$dir/uac-no-se.xml" "$ADDR:5060" -i "$ADDR" -p 5061 -s bob -key caller alice -m 2 -r 2 \
    -timeout 15s -timeout_error
  local rc1=$?
  # Session-Expires: 1800 (>= min_se): passes unchanged
  scenario "$SCEN/uac-sst.xml" "$dir/uac-1800.xml" SE="Supported: timer\nSession-Expires: 1800"
  sed -i 's/\\n/\n      /' "$dir/uac-1800.xml"
  sipp_run "$dir" se-1800 -sf "$dir/uac-1800.xml" "$ADDR:5060" -i "$ADDR" -p 5061 -s bob -key caller alice -m 2 -r 2 \
    -timeout 15s -timeout_error
  local rc2=$?
  sipp_wait "$bob" 10
  local added kept
  # bob's INVITEs: the first two (no SE from the caller), then the two with 1800
  added="$(awk '/^INVITE /{n++} n>=1 && n<=2 && /^Session-Expires: 600/' "$dir/bob/messages.log" | wc -l)"
  kept="$(awk '/^INVITE /{n++} n>=3 && /^Session-Expires: 1800/' "$dir/bob/messages.log" | wc -l)"
  if [ "$rc1" = 0 ] && [ "$added" = 2 ]; then
    result $c "no Session-Expires -> proxy adds 600" pass "2 calls: the callee got 'Session-Expires: 600' (sst_interval) the caller did not send"
  else
    result $c "no Session-Expires -> proxy adds 600" FAIL "sipp exit $rc1 ($(sipp_counts "$dir/no-se")), INVITEs with Session-Expires: 600 at the callee $added of 2; $(first_error "$dir/no-se") $(grep -m1 ERROR "$dir/server.log")"
  fi
  if [ "$rc2" = 0 ] && [ "$kept" = 2 ]; then
    result $c "Session-Expires 1800 passes" pass "2 calls: the callee got 'Session-Expires: 1800' unchanged"
  else
    result $c "Session-Expires 1800 passes" FAIL "sipp exit $rc2 ($(sipp_counts "$dir/se-1800")), INVITEs with 1800 at the callee $kept of 2; $(first_error "$dir/se-1800")"
  fi
}
