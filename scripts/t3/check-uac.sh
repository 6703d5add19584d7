# uac + uac_auth (sourced by scripts/check-t3-modules.sh): uac_replace_from with automatic
# restore, and uac_auth() answering a 407 in a failure route.
# digests_ok TRACE USER REALM PASSWORD: how many INVITEs of a SIPp message trace carry a
# Proxy-Authorization for USER whose response is right (RFC 2617 without qop: MD5 of
# HA1:nonce:HA2, HA1 = MD5(user:realm:password), HA2 = MD5(INVITE:uri))
digests_ok() {
  local trace="$1" user="$2" realm="$3" pw="$4" n=0 line nonce uri resp ha1 ha2
  while IFS= read -r line; do
    nonce="$(sed -n 's/.*nonce="\([^"]*\)".*/\1/p' <<< "$line")"
    uri="$(sed -n 's/.*uri="\([^"]*\)".*/\1/p' <<< "$line")"
    resp="$(sed -n 's/.*response="\([^"]*\)".*/\1/p' <<< "$line")"
    grep -q "username=\"$user\"" <<< "$line" && grep -q "realm=\"$realm\"" <<< "$line" || continue
    ha1="$(printf '%s' "$user:$realm:$pw" | md5sum | cut -d' ' -f1)"
    ha2="$(printf '%s' "INVITE:$uri" | md5sum | cut -d' ' -f1)"
    [ "$(printf '%s' "$ha1:$nonce:$ha2" | md5sum | cut -d' ' -f1)" = "$resp" ] && n=$((n + 1))
  done < <(grep '^Proxy-Authorization: Digest ' "$trace")
  echo "$n"
}
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
  # in-dialog requests get the URI replaced from the Record-Route parameter (the caller's
  # display name stays, as in 1.11)
  bye_anon="$(grep -A12 '^BYE ' "$dir/bob/messages.log" | grep -c '^From: .*<sip:anonymous@anonymous.invalid>')"
  # what alice got back: her own From in the 200s
  restored="$(grep -A12 '^SIP/2.0 200' "$dir/alice/messages.log" | grep -c '^From: alice <sip:alice@')"
  if [ "$rc" = 0 ] && [ "$(sipp_counts "$dir/alice")" = "3/0" ] && [ "$anon_in" = 3 ] && [ "$bye_anon" = 3 ] && [ "$restored" -ge 6 ]; then
    result $c "uac_replace_from, restored" pass "3 calls: the callee saw From Anonymous <sip:anonymous@anonymous.invalid> in the INVITE and that URI in the BYE (restore_mode auto, vsf Record-Route parameter), the caller its own From in every reply (200 of INVITE and BYE)"
  else
    result $c "uac_replace_from, restored" FAIL "sipp exit $rc ($(sipp_counts "$dir/alice")); anonymous From at the callee: $anon_in INVITEs, $bye_anon BYEs of 3; caller's From in 200s back: $restored (of 6); $(first_error "$dir/alice")"
  fi
  # (2) bob challenges with 407: the failure route's uac_auth() answers with alice's credential
  scenario "$SCEN/uas-challenge.xml" "$dir/uas-challenge.xml" REALM="$ADDR"
  sipp_bg "$dir" bob-407 -sf "$dir/uas-challenge.xml" -i "$ADDR" -p 5062 -m 3 -timeout 30s -timeout_error
  bob=$SIPP_PID
  sipp_run "$dir" alice-407 -sf "$STOCK/uac-call.xml" "$ADDR:5060" -i "$ADDR" -p 5061 -s bob -key caller alice \
    -m 3 -r 3 -d 200 -timeout 20s -timeout_error
  rc=$?
  sipp_wait "$bob" 10
  local answered good
  answered="$(log_count $c 't3-check: uac_auth answered the challenge')"
  good="$(digests_ok "$dir/bob-407/messages.log" alice "$ADDR" alice-secret)"
  if [ "$rc" = 0 ] && [ "$(sipp_counts "$dir/alice-407")" = "3/0" ] && [ "$answered" = 3 ] && [ "$good" = 3 ]; then
    result $c "uac_auth on a 407" pass "3 calls: 407, failure route uac_auth() + t_relay(); each second INVITE carries a Proxy-Authorization whose MD5 digest response is right for alice's credential; 200"
  else
    result $c "uac_auth on a 407" FAIL "sipp exit $rc ($(sipp_counts "$dir/alice-407")), uac_auth answered $answered of 3, right digests $good of 3; callee $(sipp_counts "$dir/bob-407"); $(first_error "$dir/alice-407") $(grep -m1 'ERROR' "$dir/server.log")"
  fi
}
