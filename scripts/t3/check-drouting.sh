# drouting (sourced by scripts/check-t3-modules.sh): do_routing("1") by prefix over the
# dr_rules / dr_gateways rows: 49... -> gw_de (strip 2, prefix 0), anything else ->
# gw_default.
check_drouting() {
  local c=drouting dir="$WORK/drouting"
  db_sql "DELETE FROM dr_gateways; DELETE FROM dr_rules; DELETE FROM dr_groups; DELETE FROM dr_carriers;
INSERT INTO dr_gateways (gwid, type, address, strip, pri_prefix, description) VALUES ('gw_de', 0, '$ADDR:5063', 2, '0', 'german numbers');
INSERT INTO dr_gateways (gwid, type, address, strip, pri_prefix, description) VALUES ('gw_default', 0, '$ADDR:5062', 0, NULL, 'the rest');
INSERT INTO dr_rules (groupid, prefix, timerec, priority, gwlist, description) VALUES ('1', '49', '', 0, 'gw_de', 'DE');
INSERT INTO dr_rules (groupid, prefix, timerec, priority, gwlist, description) VALUES ('1', '', '', 0, 'gw_default', 'default');"
  begin $c "signaling sl tm rr maxfwd sipmsgops drouting" || return
  sipp_bg "$dir" gw-default -sf "$STOCK/uas-answer.xml" -i "$ADDR" -p 5062 -key user gw -m 2 -timeout 30s -timeout_error
  local gwd=$SIPP_PID
  sipp_bg "$dir" gw-de -sf "$STOCK/uas-answer.xml" -i "$ADDR" -p 5063 -key user gw -m 2 -timeout 30s -timeout_error
  local gwde=$SIPP_PID
  sipp_run "$dir" call-49 -sf "$STOCK/uac-call.xml" "$ADDR:5060" -i "$ADDR" -p 5061 -s 4930123456 -key caller alice \
    -m 2 -r 2 -d 100 -timeout 20s -timeout_error
  local rc1=$?
  sipp_run "$dir" call-33 -sf "$STOCK/uac-call.xml" "$ADDR:5060" -i "$ADDR" -p 5061 -s 3312345678 -key caller alice \
    -m 2 -r 2 -d 100 -timeout 20s -timeout_error
  local rc2=$?
  sipp_wait "$gwd" 5; sipp_wait "$gwde" 5
  local de df
  de="$(grep -c "^INVITE sip:030123456@$ADDR:5063 " "$dir/gw-de/messages.log")"
  df="$(grep -c "^INVITE sip:3312345678@$ADDR:5062 " "$dir/gw-default/messages.log")"
  if [ "$rc1" = 0 ] && [ "$de" = 2 ]; then
    result $c "do_routing: prefix 49 -> gw_de" pass "2 calls to 4930123456 reach gw_de as sip:030123456@...:5063 (strip 2, pri_prefix 0), answered"
  else
    result $c "do_routing: prefix 49 -> gw_de" FAIL "sipp exit $rc1 ($(sipp_counts "$dir/call-49")); INVITEs for 030123456 at gw_de $de of 2; $(first_error "$dir/call-49") $(grep -m1 ERROR "$dir/server.log")"
  fi
  if [ "$rc2" = 0 ] && [ "$df" = 2 ]; then
    result $c "do_routing: other -> gw_default" pass "2 calls to 3312345678 reach gw_default unchanged (the empty-prefix rule), answered"
  else
    result $c "do_routing: other -> gw_default" FAIL "sipp exit $rc2 ($(sipp_counts "$dir/call-33")); INVITEs at gw_default $df of 2; $(first_error "$dir/call-33")"
  fi
}
