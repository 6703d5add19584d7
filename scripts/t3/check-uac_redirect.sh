# uac_redirect (sourced by scripts/check-t3-modules.sh): bob's phone answers 302 with
# carol's Contact; the failure route's get_redirects("*") + t_relay() brings the call to
# carol, who answers.
check_uac_redirect() {
  local c=uac_redirect dir="$WORK/uac_redirect"
  begin $c "signaling sl tm rr maxfwd sipmsgops uac_redirect" || return
  scenario "$SCEN/uas-redirect.xml" "$dir/uas-redirect.xml" CONTACT="<sip:carol@$ADDR:5063>"
  sipp_bg "$dir" bob -sf "$dir/uas-redirect.xml" -i "$ADDR" -p 5062 -m 3 -timeout 30s -timeout_error
  local bob=$SIPP_PID
  sipp_bg "$dir" carol -sf "$STOCK/uas-answer.xml" -i "$ADDR" -p 5063 -key user carol -m 3 -timeout 30s -timeout_error
  local carol=$SIPP_PID
  sipp_run "$dir" alice -sf "$STOCK/uac-call.xml" "$ADDR:5060" -i "$ADDR" -p 5061 -s bob -key caller alice \
    -m 3 -r 3 -d 200 -timeout 20s -timeout_error
  local rc=$?
  sipp_wait "$bob" 5; sipp_wait "$carol" 10
  local at_carol redirected
  at_carol="$(grep -c "^INVITE sip:carol@$ADDR:5063 " "$dir/carol/messages.log")"
  redirected="$(log_count $c "t3-check: .* redirected to sip:carol@$ADDR:5063")"
  if [ "$rc" = 0 ] && [ "$(sipp_counts "$dir/alice")" = "3/0" ] && [ "$at_carol" = 3 ] && [ "$redirected" = 3 ]; then
    result $c "get_redirects on a 302" pass "3 calls: bob 302 -> failure route get_redirects(\"*\") sets \$ru to carol's Contact, t_relay(); carol answers, ACK and BYE through"
  else
    result $c "get_redirects on a 302" FAIL "sipp exit $rc ($(sipp_counts "$dir/alice")); INVITEs at carol $at_carol of 3, redirected log lines $redirected; $(first_error "$dir/alice") $(grep -m1 'ERROR' "$dir/server.log")"
  fi
}
