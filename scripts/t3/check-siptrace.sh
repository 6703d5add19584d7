# siptrace (sourced by scripts/check-t3-modules.sh): the INVITE transactions of 3 calls in
# the sip_trace table (through the SQLite Java driver): the INVITE as received and as
# sent on, and the 200 as received and as sent back.
check_siptrace() {
  local c=siptrace dir="$WORK/siptrace"
  db_sql "DELETE FROM sip_trace;"
  begin $c "signaling sl tm rr maxfwd sipmsgops siptrace" || return
  sipp_bg "$dir" bob -sf "$STOCK/uas-answer.xml" -i "$ADDR" -p 5062 -key user bob -m 3 -timeout 30s -timeout_error
  local bob=$SIPP_PID
  sipp_run "$dir" alice -sf "$STOCK/uac-call.xml" "$ADDR:5060" -i "$ADDR" -p 5061 -s bob -key caller alice \
    -m 3 -r 3 -d 100 -timeout 20s -timeout_error
  local rc=$?
  sipp_wait "$bob" 5
  sleep 1
  stop_server
  db_query "SELECT callid, method, status, direction, fromip, toip FROM sip_trace ORDER BY id;" > "$dir/sip_trace.txt" 2>&1
  local calls inv_in inv_out ok_in ok_out
  calls="$(grep -c '^INVITE ' "$dir/bob/messages.log")"
  # rows: callid|method|status|direction|fromip|toip
  inv_in="$(awk -F'|' '$2=="INVITE" && $3=="" && $4=="in"' "$dir/sip_trace.txt" | cut -d'|' -f1 | sort -u | wc -l)"
  inv_out="$(awk -F'|' '$2=="INVITE" && $3=="" && $4=="out"' "$dir/sip_trace.txt" | cut -d'|' -f1 | sort -u | wc -l)"
  ok_in="$(awk -F'|' '$2=="INVITE" && $3 ~ /^200/ && $4=="in"' "$dir/sip_trace.txt" | cut -d'|' -f1 | sort -u | wc -l)"
  ok_out="$(awk -F'|' '$2=="INVITE" && $3 ~ /^200/ && $4=="out"' "$dir/sip_trace.txt" | cut -d'|' -f1 | sort -u | wc -l)"
  if [ "$rc" = 0 ] && [ "$calls" = 3 ] && [ "$inv_in" = 3 ] && [ "$inv_out" = 3 ] && [ "$ok_in" = 3 ] && [ "$ok_out" = 3 ]; then
    result $c "sip_trace + trace flag to the DB" pass "3 calls: $(wc -l < "$dir/sip_trace.txt") sip_trace rows; for each call the INVITE in and out, the 200 in and out (sip_trace.txt)"
  else
    result $c "sip_trace + trace flag to the DB" FAIL "sipp exit $rc ($(sipp_counts "$dir/alice")); calls with a traced INVITE in $inv_in, out $inv_out, 200 in $ok_in, out $ok_out (of 3; sip_trace.txt: $(wc -l < "$dir/sip_trace.txt") rows); $(grep -m1 ERROR "$dir/server.log")"
  fi
}
