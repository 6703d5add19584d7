# dialog (sourced by scripts/check-t3-modules.sh): create_dialog on every INVITE, the
# dialog's state in $DLG_status along the call, MI dlg_list while calls are up, and a
# $DLG_timeout that ends the call with a BYE to both sides (create_dialog("B")).
check_dialog() {
  local c=dialog dir="$WORK/dialog"
  begin $c "signaling sl tm rr maxfwd sipmsgops mi_fifo dialog" || return
  # bob answers every call at 5062: 3 normal calls, then 2 that time out
  sipp_bg "$dir" bob -sf "$STOCK/uas-answer.xml" -i "$ADDR" -p 5062 -key user bob -m 5 -timeout 60s -timeout_error
  local bob=$SIPP_PID
  # 3 calls of 4 s; dlg_list asked while they are up
  sipp_bg "$dir" alice -sf "$STOCK/uac-call.xml" "$ADDR:5060" -i "$ADDR" -p 5061 -s bob -key caller alice \
    -m 3 -r 3 -d 4000 -timeout 30s -timeout_error
  local alice=$SIPP_PID
  sleep 2
  local list; list="$(mi_fifo_cmd "$dir/fifo" dlg_list)"
  printf '%s\n' "$list" > "$dir/dlg_list.txt"
  sipp_wait "$alice" 20
  local rc=$? created confirmed byes listed
  # 1.11's states: 1 unconfirmed (created), 2 early (the 180 came; the onreply route runs
  # before dialog sees the 200), 4 confirmed (the ACK came: dlg_list), 5 deleted (dialog's
  # loose_route callback has seen the BYE before the script goes on)
  byes="$(grep -c 't3-check: BYE in dialog [0-9]*:[0-9]* of .*, status 5, lifetime [0-9]' "$dir/server.log")"
  listed="$(grep -ci '^dialog::' <<< "$list")"
  created="$(log_count $c 't3-check: dialog for .* created, status 1, timeout 60')"
  confirmed="$(log_count $c 't3-check: 200 for .*, dialog status 2')"
  if [ "$rc" = 0 ] && [ "$(sipp_counts "$dir/alice")" = "3/0" ] && [ "$created" = 3 ] && [ "$confirmed" = 3 ] && [ "$byes" = 3 ]; then
    result $c "create_dialog, \$DLG_status, \$DLG_did" pass "3 calls: \$DLG_status 1 when created (\$DLG_timeout 60, the default_timeout), 2 in the onreply route of the 200, 5 at the BYE (after loose_route), with its \$DLG_did and \$DLG_lifetime"
  else
    result $c "create_dialog, \$DLG_status, \$DLG_did" FAIL "sipp exit $rc ($(sipp_counts "$dir/alice")); created $created, 200s seen $confirmed, BYEs in a confirmed dialog $byes; $(first_error "$dir/alice") $(grep -m1 'ERROR' "$dir/server.log")"
  fi
  if [[ "$list" == "200 "* ]] && [ "$listed" = 3 ] && grep -qi 'state:: *4' <<< "$list"; then
    result $c "MI dlg_list" pass "3 dialogs listed while the calls were up, state 4 (dlg_list.txt)"
  else
    result $c "MI dlg_list" FAIL "reply '$(head -1 <<< "$list")', $listed dialogs listed (3 calls up; dlg_list.txt)"
  fi
  # $DLG_timeout = 3 with create_dialog("B"): the proxy ends the call after 3 s
  local t0=$SECONDS
  sipp_run "$dir" alice-short -sf "$SCEN/uac-call-bye-in.xml" "$ADDR:5060" -i "$ADDR" -p 5061 -s short -key caller alice \
    -m 2 -r 2 -timeout 20s -timeout_error
  rc=$?
  local took=$((SECONDS - t0))
  sipp_wait "$bob" 10
  local bob_byes
  bob_byes="$(grep -c '^BYE ' "$dir/bob/messages.log")"
  if [ "$rc" = 0 ] && [ "$(sipp_counts "$dir/alice-short")" = "2/0" ] && [ "$bob_byes" -ge 5 ] && [ "$took" -ge 3 ]; then
    result $c "\$DLG_timeout sends BYE" pass "2 calls with \$DLG_timeout = 3: after ${took}s both caller and callee got a BYE from the proxy and answered it"
  else
    result $c "\$DLG_timeout sends BYE" FAIL "sipp exit $rc ($(sipp_counts "$dir/alice-short")), ${took}s; BYEs at the callee $bob_byes of 5; $(first_error "$dir/alice-short")"
  fi
}
