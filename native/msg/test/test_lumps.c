/* Lump lists: ordering, body vs header lists, ownership, reply lumps. */
#include "tcheck.h"
#include "core_stubs.h"
#include "test_msgs.h"

static char *dup_text(const char *s)
{
	size_t n = strlen(s);
	char *p = pkg_malloc(n + 1);
	memcpy(p, s, n + 1);
	return p;
}

void test_lumps(void)
{
	struct sb_slot *slot = sb_slot_new(4096, 32);
	struct sip_msg *msg = sb_slot_msg(slot);
	long pkg0 = stub_pkg_live;
	struct lump *a, *b, *d, *x;
	struct lump_rpl *r;
	char *nodup;
	unsigned int body_off;

	fill_view(slot, MSG_INVITE, 1, PROTO_UDP, "192.0.2.1", 5060, "198.51.100.1", 5060);
	CHECK(sb_msg_ensure(msg) == 0);
	body_off = (unsigned int)(msg->eoh - msg->buf) + 2;
	b = anchor_lump(msg, 200, 0, 0);
	a = anchor_lump(msg, 100, 0, 0);
	d = del_lump(msg, 100, 5, 0);
	CHECK(msg->add_rm == a && a->next == d && d->next == b);
	CHECK(anchor_lump(msg, body_off, 0, 0) && msg->body_lumps != NULL);
	CHECK(anchor_lump(msg, (unsigned int)(msg->eoh - msg->buf), 0, 0) != NULL);
	CHECK(msg->body_lumps->next == NULL);
	CHECK(del_lump(msg, msg->len, 1, 0) == NULL);
	CHECK(anchor_lump(msg, msg->len + 1, 0, 0) == NULL);
	x = insert_new_lump_after(a, dup_text("X"), 1, 0);
	CHECK(x && a->after == x);
	CHECK(insert_new_lump_after(x, dup_text("Y"), 1, 0) == x->after);
	CHECK(insert_new_lump_before(a, dup_text("Z"), 1, 0) == a->before);
	CHECK(insert_subst_lump_after(b, SUBST_RCV_ALL, 0) != NULL);
	CHECK(insert_cond_lump_before(b, COND_IF_DIFF_REALMS, 0) != NULL);
	CHECK(insert_skip_lump_after(d) != NULL);
	CHECK(insert_new_lump_after(NULL, NULL, 0, 0) == NULL);
	CHECK(append_new_lump(&msg->add_rm, dup_text("tail"), 4, 0) != NULL);
	CHECK(sb_msg_lump_mask(msg) == 3);

	/* tm-style flags */
	set_init_lump_flags(LUMPFLAG_BRANCH);
	CHECK(anchor_lump(msg, 10, 0, 0)->flags == LUMPFLAG_BRANCH);
	reset_init_lump_flags();
	del_flaged_lumps(&msg->add_rm, LUMPFLAG_BRANCH);
	for (x = msg->add_rm; x; x = x->next)
		CHECK(!(x->flags & LUMPFLAG_BRANCH));
	{
		struct lump *dup = dup_lump_list(msg->add_rm);
		CHECK(dup != NULL);
		free_duped_lump_list(dup);
	}

	/* reply lumps */
	r = add_lump_rpl(msg, "X-A: 1\r\n", 8, LUMP_RPL_HDR);
	CHECK(r && msg->reply_lump == r && r->text.s != (char *)"X-A: 1\r\n");
	nodup = dup_text("body!");
	CHECK(add_lump_rpl(msg, nodup, 5, LUMP_RPL_BODY | LUMP_RPL_NODUP) != NULL);
	CHECK(add_lump_rpl(msg, "x", 1, LUMP_RPL_BODY) == NULL);   /* one body only */
	CHECK(add_lump_rpl(msg, "x", 1, 0) == NULL);
	CHECK(add_lump_rpl(msg, "static\r\n", 8, LUMP_RPL_HDR | LUMP_RPL_NODUP | LUMP_RPL_NOFREE) != NULL);
	unlink_lump_rpl(msg, r);
	CHECK(msg->reply_lump != r);
	free_lump_rpl(r);
	CHECK(sb_msg_lump_mask(msg) == 7);

	/* the next message frees every lump and its text */
	sb_slot_release_message(slot);
	CHECK(stub_pkg_live == pkg0);

	/* del_flaged_lumps: any of the flags, chains filtered too (OpenSIPS) */
	fill_view(slot, MSG_INVITE, 2, PROTO_UDP, "192.0.2.1", 5060, "198.51.100.1", 5060);
	CHECK(sb_msg_ensure(msg) == 0);
	{
		struct lump *la, *lb, *lc, *lx, *ly, *lz;
		long live;
		la = anchor_lump(msg, 10, 0, 0);
		lb = anchor_lump(msg, 20, 0, 0);
		lc = anchor_lump(msg, 30, 0, 0);
		lx = insert_new_lump_after(la, dup_text("X"), 1, 0);
		ly = insert_new_lump_after(lx, dup_text("Y"), 1, 0);
		lz = insert_new_lump_before(la, dup_text("Z"), 1, 0);
		insert_new_lump_after(lb, dup_text("B"), 1, 0);
		lb->flags = LUMPFLAG_BRANCH | LUMPFLAG_CODEC;
		lc->flags = LUMPFLAG_CODEC;
		lx->flags = LUMPFLAG_BRANCH;
		lz->flags = LUMPFLAG_CODEC;
		live = stub_pkg_live;
		del_flaged_lumps(&msg->add_rm, LUMPFLAG_BRANCH);
		CHECK(msg->add_rm == la && la->next == lc && lc->next == NULL);
		CHECK(la->after == ly && ly->after == NULL && la->before == lz);
		CHECK(stub_pkg_live == live - 5);   /* lb with its lump B and text, X and its text */
		del_flaged_lumps(&msg->add_rm, LUMPFLAG_BRANCH | LUMPFLAG_CODEC);
		CHECK(msg->add_rm == la && la->next == NULL && la->before == NULL && la->after == ly);

		/* del_notflaged_lumps: lumps lacking any of the flags */
		lb = anchor_lump(msg, 40, 0, 0);
		lx = insert_new_lump_after(lb, dup_text("Q"), 1, 0);
		ly = insert_new_lump_after(lx, dup_text("R"), 1, 0);
		lb->flags = ly->flags = LUMPFLAG_CODEC | LUMPFLAG_BRANCH;
		lx->flags = LUMPFLAG_CODEC;
		del_notflaged_lumps(&msg->add_rm, LUMPFLAG_CODEC | LUMPFLAG_BRANCH);
		CHECK(msg->add_rm == lb && lb->next == NULL && lb->after == ly && ly->after == NULL);
	}
	sb_slot_release_message(slot);
	CHECK(stub_pkg_live == pkg0);
	sb_slot_free(slot);
}
