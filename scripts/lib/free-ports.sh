# Sourced by the scripts under scripts/ (not run alone).
#   free_ports udp|tcp N    N distinct ports on 127.0.0.1 that the kernel picked as free
#                           (all held open together while picking), space separated
# Other tests on this machine use kernel-picked ports too; never fixed ones.

free_ports() {
  python3 - "$1" "$2" <<'PY'
import socket, sys
kind = socket.SOCK_DGRAM if sys.argv[1] == "udp" else socket.SOCK_STREAM
socks = []
for _ in range(int(sys.argv[2])):
    s = socket.socket(socket.AF_INET, kind)
    s.bind(("127.0.0.1", 0))
    socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
PY
}
