# msilo (sourced by scripts/check-t3-modules.sh): MESSAGEs to carol, who is offline, are
# stored (202, silo rows); carol registers, m_dump sends them to her Contact, where her
# phone takes them (200).
check_msilo() {
  local c=msilo dir="$WORK/msilo"
  db_sql "DELETE FROM silo;"
  begin $c "signaling sl tm maxfwd sipmsgops usrloc registrar msilo" || return
  scenario "$SCEN/uac-message.xml" "$dir/uac-message-202.xml" CODE=202 BODY="t3-check offline message"
  sipp_run "$dir" alice -sf "$dir/uac-message-202.xml" "$ADDR:5060" -i "$ADDR" -p 5061 -s carol -key caller alice \
    -m 2 -r 2 -timeout 15s -timeout_error
  local rc=$? rows
  rows="$(db_query "SELECT count(*) FROM silo WHERE username='carol';")"
  if [ "$rc" = 0 ] && [ "$(sipp_counts "$dir/alice")" = "2/0" ] && [ "$rows" = 2 ]; then
    result $c "m_store for an offline user" pass "2 MESSAGEs to carol (not registered): 202, 2 rows in silo"
  else
    result $c "m_store for an offline user" FAIL "sipp exit $rc ($(sipp_counts "$dir/alice")), silo rows for carol: $rows; $(first_error "$dir/alice") $(grep -m1 ERROR "$dir/server.log")"
  fi
  # carol's phone at 5063 takes the MESSAGEs; she registers that Contact
  sipp_bg "$dir" carol -sf "$SCEN/uas-message.xml" -i "$ADDR" -p 5063 -m 2 -timeout 20s -timeout_error
  local carol=$SIPP_PID
  sipp_run "$dir" register-carol -sf "$STOCK/register.xml" "$ADDR:5060" -i "$ADDR" -p 5064 -m 1 \
    -key user carol -key contact_host "$ADDR" -key contact_port 5063 -timeout 10s -timeout_error
  local rrc=$?
  sipp_wait "$carol" 10
  local got
  # msilo puts "[Offline message - date]" before the stored body (add_date)
  got="$(grep -c '^\[Offline message - .*\] t3-check offline message' "$dir/carol/messages.log")"
  if [ "$rrc" = 0 ] && [ "$got" = 2 ] && [ "$(sipp_counts "$dir/carol")" = "2/0" ]; then
    result $c "m_dump on REGISTER" pass "carol registers (200): m_dump sends both stored MESSAGEs (tm local requests, '[Offline message - date]' + body) to her address, the proxy's lookup relays them to her Contact, her phone answers 200"
  else
    result $c "m_dump on REGISTER" FAIL "REGISTER sipp exit $rrc; MESSAGEs with the stored body at carol's phone $got of 2 ($(sipp_counts "$dir/carol")); $(grep -m1 'ERROR' "$dir/server.log")"
  fi
}
