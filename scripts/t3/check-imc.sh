# imc (sourced by scripts/check-t3-modules.sh): alice creates room chat-1, bob joins it and
# writes to it; alice's phone gets imc's notices and bob's line (tm local requests from
# imc, delivered through the proxy's own lookup).
check_imc() {
  local c=imc dir="$WORK/imc"
  db_sql "DELETE FROM imc_members; DELETE FROM imc_rooms;"
  begin $c "signaling sl tm maxfwd sipmsgops usrloc registrar imc" || return
  # alice's phone at 5066, bob's at 5067 take every MESSAGE
  sipp_bg "$dir" alice-phone -sf "$SCEN/uas-message.xml" -i "$ADDR" -p 5066 -m 10 -timeout 20s
  local ap=$SIPP_PID
  sipp_bg "$dir" bob-phone -sf "$SCEN/uas-message.xml" -i "$ADDR" -p 5067 -m 10 -timeout 20s
  local bp=$SIPP_PID
  local u port ok=1
  for u in alice:5066 bob:5067; do
    port="${u#*:}"; u="${u%%:*}"
    sipp_run "$dir" "register-$u" -sf "$STOCK/register.xml" "$ADDR:5060" -i "$ADDR" -p 5061 -m 1 \
      -key user "$u" -key contact_host "$ADDR" -key contact_port "$port" -timeout 10s -timeout_error || ok=0
  done
  scenario "$SCEN/uac-message.xml" "$dir/create.xml" CODE=200 BODY="#create chat-1"
  scenario "$SCEN/uac-message.xml" "$dir/join.xml" CODE=200 BODY="#join chat-1"
  scenario "$SCEN/uac-message.xml" "$dir/say.xml" CODE=200 BODY="hello from bob"
  sipp_run "$dir" create -sf "$dir/create.xml" "$ADDR:5060" -i "$ADDR" -p 5061 -s chat-manager -key caller alice -m 1 -timeout 10s -timeout_error || ok=0
  sleep 0.5
  sipp_run "$dir" join -sf "$dir/join.xml" "$ADDR:5060" -i "$ADDR" -p 5062 -s chat-manager -key caller bob -m 1 -timeout 10s -timeout_error || ok=0
  sleep 0.5
  sipp_run "$dir" say -sf "$dir/say.xml" "$ADDR:5060" -i "$ADDR" -p 5062 -s chat-1 -key caller bob -m 1 -timeout 10s -timeout_error || ok=0
  sleep 2
  sipp_wait "$ap" 1; sipp_wait "$bp" 1
  local created joined said
  created="$(grep -c '^\*\*\* room was created' "$dir/alice-phone/messages.log")"
  joined="$(grep -c "has joined the room" "$dir/alice-phone/messages.log")"
  said="$(grep -c "^<bob@$ADDR>: hello from bob" "$dir/alice-phone/messages.log")"
  if [ "$ok" = 1 ] && [ "$created" = 1 ] && [ "$joined" -ge 1 ] && [ "$said" = 1 ]; then
    result $c "create, join, message a room" pass "alice's #create chat-1 and bob's #join chat-1 get 200; alice's phone gets '*** room was created', bob's join notice and '<bob@...>: hello from bob'"
  else
    result $c "create, join, message a room" FAIL "registers/commands ok: $ok; at alice's phone: created notice $created, join notice $joined, bob's line $said; $(grep -m1 ERROR "$dir/server.log")"
  fi
}
