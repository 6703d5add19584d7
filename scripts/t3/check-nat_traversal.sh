# nat_traversal (sourced by scripts/check-t3-modules.sh): a REGISTER with a private
# Contact (192.168.1.10): client_nat_test("3") sees the NAT, fix_contact() puts the source
# address in the Contact, which the registrar saves (the 200 lists it).
check_nat_traversal() {
  local c=nat_traversal dir="$WORK/nat_traversal"
  begin $c "signaling sl tm rr maxfwd sipmsgops dialog usrloc registrar nat_traversal" || return
  sipp_run "$dir" alice -sf "$SCEN/register-private.xml" "$ADDR:5060" -i "$ADDR" -p 5061 -key user alice \
    -m 1 -timeout 10s -timeout_error
  local rc=$? fixed
  fixed="$(grep -A12 '^SIP/2.0 200' "$dir/alice/messages.log" | grep -c "^Contact: <sip:alice@$ADDR:5061>")"
  if [ "$rc" = 0 ] && [ "$fixed" = 1 ] && [ "$(log_count $c 't3-check: sip:alice@.* is behind NAT')" = 1 ]; then
    result $c "client_nat_test + fix_contact" pass "REGISTER with Contact 192.168.1.10:5060 from $ADDR:5061: NAT detected, the 200 lists the saved Contact sip:alice@$ADDR:5061"
  else
    result $c "client_nat_test + fix_contact" FAIL "sipp exit $rc ($(sipp_counts "$dir/alice")); 200 with the fixed Contact: $fixed; $(grep -m1 ERROR "$dir/server.log")"
  fi
}
