/* How much a C parse of a typical From / To / Via / R-URI costs, against the cost of a
 * call back into Java (JNI CallStaticIntMethod ~57 ns, jnr-ffi closure ~98 ns on the
 * reference machine). Prints ns per operation. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "core_stubs.h"
#include "test_msgs.h"

static double now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static volatile int sink;

#define BENCH(label, iters, body) do { \
	double _t0 = now_ns(); \
	for (long _i = 0; _i < (iters); _i++) { body; } \
	printf("%-44s %8.1f ns\n", label, (now_ns() - _t0) / (double)(iters)); \
} while (0)

int main(void)
{
	struct sb_slot *slot = sb_slot_new(4096, 64);
	struct sip_msg *msg = sb_slot_msg(slot);
	char from[] = "\"Alice A.\" <sip:alice@atlanta.example.com>;tag=1928301774";
	char to[] = "Bob <sip:bob@biloxi.example.com>";
	char via[] = "SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK776asdhds;rport";
	char uri[] = "sip:bob@biloxi.example.com;transport=udp";
	struct to_body tb;
	struct via_body vb;
	struct sip_uri u;
	const long N = 2000000;
	static char out[4096];

	fill_view(slot, MSG_INVITE, 1, PROTO_UDP, "192.0.2.1", 5060, "198.51.100.1", 5060);
	sb_msg_ensure(msg);

	BENCH("parse_uri (R-URI)", N, { parse_uri(uri, sizeof(uri) - 1, &u); sink += u.port_no; });
	BENCH("parse_to (From body, 1 param)", N, {
		parse_to(from, from + sizeof(from) - 1, &tb); sink += tb.tag_value.len;
		free_to_params(&tb); });
	BENCH("parse_to (To body, no param)", N, {
		parse_to(to, to + sizeof(to) - 1, &tb); sink += tb.uri.len; });
	BENCH("parse_via (1 body, 2 params, pkg)", N, {
		memset(&vb, 0, sizeof(vb));
		parse_via(via, via + sizeof(via) - 1, &vb); sink += vb.port;
		free_via_param_list(vb.param_lst); });
	BENCH("parse_from_header + free (on the view)", N, {
		parse_from_header(msg); sink += get_from(msg)->tag_value.len;
		clean_hdr_field(msg->from); });
	BENCH("sb_msg_ensure, INVITE, 10 headers (rebuild)", N / 4, {
		sb_slot_mark_dirty(slot); sink += sb_msg_ensure(msg); });
	BENCH("sb_msg_ensure, clean view (per module call)", N * 5, {
		sink += sb_msg_ensure(msg); });
	BENCH("sb_build_request (no lumps)", N / 4, {
		sink += sb_build_request(msg, "Via: SIP/2.0/UDP 1.2.3.4;branch=z9hG4bKx\r\n", 42,
			out, sizeof(out)); });
	sb_slot_free(slot);
	return sink == 42 ? 1 : 0;
}
