# load_balancer (sourced by scripts/check-t3-modules.sh): two gateways with one "pstn"
# channel each; two calls that last take one each, a third while they last gets 503, and
# once they ended a call gets through again.
check_load_balancer() {
  local c=load_balancer dir="$WORK/load_balancer"
  db_sql "DELETE FROM load_balancer;
INSERT INTO load_balancer (group_id, dst_uri, resources, probe_mode, description) VALUES (1, 'sip:$ADDR:5062', 'pstn=1', 0, 'gw1');
INSERT INTO load_balancer (group_id, dst_uri, resources, probe_mode, description) VALUES (1, 'sip:$ADDR:5063', 'pstn=1', 0, 'gw2');"
  begin $c "signaling sl tm rr maxfwd sipmsgops dialog load_balancer" || return
  sipp_bg "$dir" gw1 -sf "$STOCK/uas-answer.xml" -i "$ADDR" -p 5062 -key user gw1 -m 3 -timeout 30s -timeout_error
  local gw1=$SIPP_PID
  sipp_bg "$dir" gw2 -sf "$STOCK/uas-answer.xml" -i "$ADDR" -p 5063 -key user gw2 -m 3 -timeout 30s -timeout_error
  local gw2=$SIPP_PID
  # two calls of 4 s
  sipp_bg "$dir" alice -sf "$STOCK/uac-call.xml" "$ADDR:5060" -i "$ADDR" -p 5061 -s 12345 -key caller alice \
    -m 2 -r 10 -d 4000 -timeout 20s -timeout_error
  local alice=$SIPP_PID
  sleep 1.5
  sed "s/@CODE@/503/" "$STOCK/uac-final.xml" > "$dir/uac-503.xml"
  sipp_run "$dir" third -sf "$dir/uac-503.xml" "$ADDR:5060" -i "$ADDR" -p 5064 -s 12345 -m 1 -timeout 10s -timeout_error
  local rc3=$?
  sipp_wait "$alice" 15
  local rc=$? n1 n2
  n1="$(grep -c '^INVITE ' "$dir/gw1/messages.log")"; n2="$(grep -c '^INVITE ' "$dir/gw2/messages.log")"
  if [ "$rc" = 0 ] && [ "$(sipp_counts "$dir/alice")" = "2/0" ] && [ "$n1" = 1 ] && [ "$n2" = 1 ]; then
    result $c "load_balance over two gateways" pass "2 calls at once: one at each gateway (one pstn channel each), both answered"
  else
    result $c "load_balance over two gateways" FAIL "sipp exit $rc ($(sipp_counts "$dir/alice")); INVITEs at gw1 $n1, gw2 $n2 (1 each expected); $(first_error "$dir/alice") $(grep -m1 ERROR "$dir/server.log")"
  fi
  if [ "$rc3" = 0 ] && [ "$(log_count $c 't3-check: no pstn channel free')" = 1 ]; then
    result $c "no capacity left -> 503" pass "a third call while both channels are busy: load_balance fails, 503"
  else
    result $c "no capacity left -> 503" FAIL "sipp exit $rc3 ($(sipp_counts "$dir/third")); $(first_error "$dir/third")"
  fi
  # the channels are free again once the calls ended (dialog ends them at the BYE)
  sipp_run "$dir" after -sf "$STOCK/uac-call.xml" "$ADDR:5060" -i "$ADDR" -p 5061 -s 12345 -key caller alice \
    -m 1 -d 100 -timeout 10s -timeout_error
  rc=$?
  sipp_wait "$gw1" 5; sipp_wait "$gw2" 5
  if [ "$rc" = 0 ]; then
    result $c "capacity back after the BYEs" pass "a call after both ended is balanced and answered"
  else
    result $c "capacity back after the BYEs" FAIL "sipp exit $rc ($(sipp_counts "$dir/after")); $(first_error "$dir/after")"
  fi
}
