# dispatcher (sourced by scripts/check-t3-modules.sh): ds_select_dst over a set from the
# dispatcher table (round-robin over two phones), and failover with ds_next_dst in the
# failure route (the first destination answers 503, the second 200).
check_dispatcher() {
  local c=dispatcher dir="$WORK/dispatcher"
  db_sql "DELETE FROM dispatcher;
INSERT INTO dispatcher (setid, destination, description) VALUES (1, 'sip:$ADDR:5063', 'busy');
INSERT INTO dispatcher (setid, destination, description) VALUES (1, 'sip:$ADDR:5064', 'answers');
INSERT INTO dispatcher (setid, destination, description) VALUES (2, 'sip:$ADDR:5062', 'bob');
INSERT INTO dispatcher (setid, destination, description) VALUES (2, 'sip:$ADDR:5065', 'carol');"
  begin $c "signaling sl tm rr maxfwd sipmsgops dispatcher" || return
  # (1) round robin over bob (5062) and carol (5065)
  sipp_bg "$dir" bob -sf "$STOCK/uas-answer.xml" -i "$ADDR" -p 5062 -key user bob -m 3 -timeout 30s -timeout_error
  local bob=$SIPP_PID
  sipp_bg "$dir" carol -sf "$STOCK/uas-answer.xml" -i "$ADDR" -p 5065 -key user carol -m 3 -timeout 30s -timeout_error
  local carol=$SIPP_PID
  sipp_run "$dir" alice -sf "$STOCK/uac-call.xml" "$ADDR:5060" -i "$ADDR" -p 5061 -s someone -key caller alice \
    -m 6 -r 2 -d 100 -timeout 20s -timeout_error
  local rc=$?
  sipp_wait "$bob" 5; sipp_wait "$carol" 5
  local nb nc
  nb="$(grep -c '^INVITE ' "$dir/bob/messages.log")"; nc="$(grep -c '^INVITE ' "$dir/carol/messages.log")"
  if [ "$rc" = 0 ] && [ "$(sipp_counts "$dir/alice")" = "6/0" ] && [ "$nb" = 3 ] && [ "$nc" = 3 ]; then
    result $c "ds_select_dst round-robin" pass "6 calls over set 2 (algorithm 4): 3 at each destination, all answered"
  else
    result $c "ds_select_dst round-robin" FAIL "sipp exit $rc ($(sipp_counts "$dir/alice")); INVITEs at bob $nb, at carol $nc (3 each expected); $(first_error "$dir/alice") $(grep -m1 ERROR "$dir/server.log")"
  fi
  # (2) failover: 5063 busy (503), 5064 answers
  scenario "$SCEN/uas-final.xml" "$dir/uas-503.xml" CODE=503
  sipp_bg "$dir" busy -sf "$dir/uas-503.xml" -i "$ADDR" -p 5063 -m 3 -timeout 30s -timeout_error
  local busy=$SIPP_PID
  sipp_bg "$dir" answers -sf "$STOCK/uas-answer.xml" -i "$ADDR" -p 5064 -key user dave -m 3 -timeout 30s -timeout_error
  local answers=$SIPP_PID
  sipp_run "$dir" alice-failover -sf "$STOCK/uac-call.xml" "$ADDR:5060" -i "$ADDR" -p 5061 -s failover -key caller alice \
    -m 3 -r 3 -d 100 -timeout 20s -timeout_error
  rc=$?
  sipp_wait "$busy" 5; sipp_wait "$answers" 5
  local n503 n200 fo
  n503="$(grep -c '^INVITE ' "$dir/busy/messages.log")"; n200="$(grep -c '^INVITE ' "$dir/answers/messages.log")"
  fo="$(log_count $c "failed over to sip:$ADDR:5064")"
  if [ "$rc" = 0 ] && [ "$(sipp_counts "$dir/alice-failover")" = "3/0" ] && [ "$n503" = 3 ] && [ "$n200" = 3 ] && [ "$fo" = 3 ]; then
    result $c "failover with ds_next_dst" pass "3 calls to set 1 (algorithm 8): the first destination 503, the failure route's ds_next_dst() + t_relay() to the second, which answers"
  else
    result $c "failover with ds_next_dst" FAIL "sipp exit $rc ($(sipp_counts "$dir/alice-failover")); INVITEs at the busy one $n503, at the second $n200, failovers logged $fo (3 each expected); $(grep -m1 't3-check: .* has no destination left' "$dir/server.log") $(grep -m1 ERROR "$dir/server.log")"
  fi
}
