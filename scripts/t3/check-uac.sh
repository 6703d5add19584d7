# uac + uac_auth (sourced by scripts/check-t3-modules.sh): uac_replace_from with automatic
# restore, and uac_auth() answering a 407 in a failure route.
check_uac() {
  local c=uac dir="$WORK/uac"
  begin $c "signaling sl tm rr maxfwd sipmsgops uac_auth uac" || return
  # (1) alice calls anon: bob must see the anonymous From, alice her own From back
  sipp_bg "$dir" bob -sf "$STOCK/uas-answer.xml" -i "$ADDR" -p 5062 -key user bob -m 3 -timeout 30s -timeout_error
  local bob=$SIPP_PID
  sipp_run "$dir" alice -sf "$STOCK/uac-call.xml" "$ADDR:5060" -i "$ADDR" -p 5061 -s anon -key caller alice \
    -m 3 -r 3 -d 200 -timeout 20s -timeout_error
  local rc=$?
  sipp_wait "$bob" 10
  local anon_in restored bye_anon
  # what bob got: the INVITE and the BYE with the replaced From
  anon_in="$(grep -A12 '^INVITE ' "$dir/bob/messages.log" | grep -c '^From: Anonymous <sip:anonymous@anonymous.invalid>')"
  bye_anon="$(grep -A12 '^BYE ' "$dir/bob/messages.log" | grep -c '^From: Anonymous <sip:anonymous@anonymous.invalid>')"
  # what alice got back: her own From in the 200s
  restored="$(grep -A12 '^SIP/2.0 200' "$dir/alice/messages.log" | grep -c '^From: alice <sip:alice@')"
  if [ "$rc" = 0 ] && [ "$(sipp_counts "$dir/alice")" = "3/0" ] && [ "$anon_in" = 3 ] && [ "$bye_anon" = 3 ] && [ "$restored" -ge 6 ]; then
    result $c "uac_replace_from, restored" pass "3 calls: the callee saw From Anonymous <sip:anonymous@anonymous.invalid> in INVITE and BYE, the caller its own From in every 200"
  else
    result $c "uac_replace_from, restored" FAIL "sipp exit $rc ($(sipp_counts "$dir/alice")); anonymous From at the callee: $anon_in INVITEs, $bye_anon BYEs of 3; caller's From in 200s back: $restored (of 6); $(first_error "$dir/alice")"
  fi
  # (2) bob challenges with 407: the failure route's uac_auth() answers with alice's credential
  scenario "$SCEN/uas-challenge.xml" "$dir/uas-challenge.xml" REALM="$ADDR" USER=alice PASSWORD=alice-secret
  sipp_bg "$dir" bob-407 -sf "$dir/uas-challenge.xml" -i "$ADDR" -p 5062 -m 3 -timeout 30s -timeout_error
  bob=$SIPP_PID
  sipp_run "$dir" alice-407 -sf "$STOCK/uac-call.xml" "$ADDR:5060" -i "$ADDR" -p 5061 -s bob -key caller alice \
    -m 3 -r 3 -d 200 -timeout 20s -timeout_error
  rc=$?
  sipp_wait "$bob" 10
  local answered; answered="$(log_count $c 't3-check: uac_auth answered the challenge')"
  if [ "$rc" = 0 ] && [ "$(sipp_counts "$dir/alice-407")" = "3/0" ] && [ "$answered" = 3 ]; then
    result $c "uac_auth on a 407" pass "3 calls: 407, failure route uac_auth() + t_relay(), the callee verified the digest (SIPp verifyauth) and answered 200"
  else
    result $c "uac_auth on a 407" FAIL "sipp exit $rc ($(sipp_counts "$dir/alice-407")), uac_auth answered $answered of 3; callee $(sipp_counts "$dir/bob-407"); $(first_error "$dir/alice-407") $(grep -m1 'ERROR' "$dir/server.log")"
  fi
}
