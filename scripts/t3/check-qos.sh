# qos (sourced by scripts/check-t3-modules.sh): the SDP offer and answer of calls with the
# QOS flag, kept with their dialogs, in MI dlg_list_ctx while the calls are up.
check_qos() {
  local c=qos dir="$WORK/qos"
  begin $c "signaling sl tm rr maxfwd sipmsgops mi_fifo dialog qos" || return
  sipp_bg "$dir" bob -sf "$SCEN/uas-answer-sdp.xml" -i "$ADDR" -p 5062 -mp 7000 -key user bob -m 2 -timeout 30s -timeout_error
  local bob=$SIPP_PID
  sipp_bg "$dir" alice -sf "$SCEN/uac-call-sdp.xml" "$ADDR:5060" -i "$ADDR" -p 5061 -mp 6000 -s bob -key caller alice \
    -m 2 -r 10 -d 4000 -timeout 30s -timeout_error
  local alice=$SIPP_PID
  sleep 2
  local ctx; ctx="$(mi_fifo_cmd "$dir/fifo" dlg_list_ctx)"
  printf '%s\n' "$ctx" > "$dir/dlg_list_ctx.txt"
  sipp_wait "$alice" 15
  local rc=$?
  sipp_wait "$bob" 5
  local streams pcmu pcma
  streams="$(grep -ci 'stream::.*media=audio' <<< "$ctx")"
  pcma="$(grep -ci 'payload::.*codec=PCMA' <<< "$ctx")"
  pcmu="$(grep -ci 'payload::.*codec=PCMU' <<< "$ctx")"
  if [ "$rc" = 0 ] && [ "$(sipp_counts "$dir/alice")" = "2/0" ] && [[ "$ctx" == "200 "* ]] && [ "$streams" -ge 4 ] && [ "$pcma" -ge 2 ]; then
    result $c "SDP of offer and answer with the dialog" pass "2 calls: dlg_list_ctx shows $streams audio streams (caller's offer and callee's answer for each dialog), PCMU $pcmu / PCMA $pcma payloads (dlg_list_ctx.txt)"
  else
    result $c "SDP of offer and answer with the dialog" FAIL "sipp exit $rc ($(sipp_counts "$dir/alice")); MI '$(head -1 <<< "$ctx")': audio streams $streams (4 expected), PCMA payloads $pcma; $(first_error "$dir/alice") $(grep -m1 ERROR "$dir/server.log")"
  fi
}
