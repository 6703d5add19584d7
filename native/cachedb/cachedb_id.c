/* cachedb URLs: scheme[:group]://[user[:password]@]host[:port][,host[:port]...]/[database],
 * or "scheme://" alone (an engine in the server's memory). */
#include <string.h>
#include "cachedb_sdk.h"

static char *part(const char *b, const char *e)
{
	char *s = pkg_malloc(e - b + 1);

	if (s != NULL) {
		memcpy(s, b, e - b);
		s[e - b] = '\0';
	}
	return s;
}

static void clear(struct cachedb_id *id)
{
	pkg_free(id->scheme);
	pkg_free(id->group_name);
	pkg_free(id->username);
	pkg_free(id->password);
	pkg_free(id->host);
	pkg_free(id->database);
	memset(id, 0, sizeof(*id));
}

static int parse(struct cachedb_id *id, const char *p, const char *end)
{
	const char *colon, *slashes, *at, *slash, *pc, *q;
	int err = 0;

	colon = memchr(p, ':', end - p);
	if (colon == NULL || colon == p || (id->scheme = part(p, colon)) == NULL)
		return -1;
	slashes = colon + 1;
	if (end - slashes < 2 || slashes[0] != '/' || slashes[1] != '/') {
		/* scheme:group:// */
		const char *c2 = memchr(slashes, ':', end - slashes);
		if (c2 == NULL || c2 == slashes || end - c2 < 3 || c2[1] != '/' || c2[2] != '/')
			return -1;
		if ((id->group_name = part(slashes, c2)) == NULL)
			return -1;
		slashes = c2 + 1;
	}
	p = slashes + 2;
	if (p == end) {
		id->flags |= CACHEDB_ID_NO_URL;
		return 0;
	}
	slash = memchr(p, '/', end - p);
	if (slash == NULL)
		return -1;   /* as in 1.11: the host part ends with '/' */
	at = NULL;
	for (q = p; q < slash; q++)
		if (*q == '@')
			at = q;
	if (at != NULL) {
		const char *pw = memchr(p, ':', at - p);
		if ((id->username = part(p, pw ? pw : at)) == NULL)
			return -1;
		if (pw && (id->password = part(pw + 1, at)) == NULL)
			return -1;
		p = at + 1;
	}
	if (p == slash)
		return -1;
	if (memchr(p, ',', slash - p) != NULL) {
		id->flags |= CACHEDB_ID_MULTIPLE_HOSTS;
		if ((id->host = part(p, slash)) == NULL)
			return -1;
	} else {
		pc = memchr(p, ':', slash - p);
		if ((id->host = part(p, pc ? pc : slash)) == NULL)
			return -1;
		if (pc) {
			id->port = str2s(pc + 1, slash - pc - 1, &err);
			if (err || slash - pc - 1 == 0)
				return -1;
		}
	}
	if (slash + 1 < end && (id->database = part(slash + 1, end)) == NULL)
		return -1;
	return 0;
}

struct cachedb_id *new_cachedb_id(const str *url)
{
	struct cachedb_id *id;

	if (url == NULL || url->s == NULL) {
		LM_ERR("new_cachedb_id: no URL\n");
		return NULL;
	}
	id = pkg_malloc(sizeof(*id));
	if (id == NULL)
		return NULL;
	memset(id, 0, sizeof(*id));
	if (parse(id, url->s, url->s + url->len) < 0) {
		LM_ERR("malformed cachedb URL '%.*s' (scheme[:group]://[user[:password]@]host[:port]/[db])\n",
				url->len, url->s);
		clear(id);
		pkg_free(id);
		return NULL;
	}
	return id;
}

static int same(const char *a, const char *b)
{
	return (a == NULL || b == NULL) ? a == b : strcmp(a, b) == 0;
}

int cmp_cachedb_id(struct cachedb_id *id1, struct cachedb_id *id2)
{
	if (id1 == NULL || id2 == NULL || id1->flags != id2->flags || !same(id1->scheme, id2->scheme))
		return 0;
	if (id1->flags & CACHEDB_ID_NO_URL)
		return same(id1->group_name, id2->group_name);
	return same(id1->group_name, id2->group_name) && same(id1->username, id2->username)
			&& same(id1->password, id2->password) && same(id1->host, id2->host)
			&& same(id1->database, id2->database) && id1->port == id2->port;
}

void free_cachedb_id(struct cachedb_id *id)
{
	if (id == NULL)
		return;
	clear(id);
	pkg_free(id);
}
