/* Database URLs: scheme://[user[:password]@]host[:port]/database. */
#include <string.h>
#include <strings.h>
#include "db_sdk.h"

static char *copy_part(const char *b, const char *e)
{
	char *s = pkg_malloc(e - b + 1);

	if (s != NULL) {
		memcpy(s, b, e - b);
		s[e - b] = '\0';
	}
	return s;
}

static const char *find_last(const char *b, const char *e, char c)
{
	const char *p, *found = NULL;

	for (p = b; p < e; p++)
		if (*p == c)
			found = p;
	return found;
}

/* Fills id from url; -1 (id's strings freed) when malformed or out of memory. */
static int parse_url(struct db_id *id, const str *url)
{
	const char *p = url->s, *end = url->s + url->len, *colon, *at, *slash, *host;
	int err = 0;

	colon = memchr(p, ':', url->len);
	if (colon == NULL || colon == p || end - colon < 3 || colon[1] != '/' || colon[2] != '/')
		return -1;
	if ((id->scheme = copy_part(p, colon)) == NULL)
		goto fail;
	p = colon + 3;
	at = find_last(p, end, '@');
	host = p;
	if (at != NULL) {
		const char *pw = memchr(p, ':', at - p);
		if ((id->username = copy_part(p, pw ? pw : at)) == NULL)
			goto fail;
		if (pw != NULL && (id->password = copy_part(pw + 1, at)) == NULL)
			goto fail;
		host = at + 1;
	}
	slash = memchr(host, '/', end - host);
	if (slash == NULL)
		goto fail;   /* the database part is mandatory, as in 1.11 */
	colon = memchr(host, ':', slash - host);
	if ((id->host = copy_part(host, colon ? colon : slash)) == NULL)
		goto fail;
	if (colon != NULL) {
		id->port = str2s(colon + 1, slash - colon - 1, &err);
		if (err || slash - colon - 1 == 0)
			goto fail;
	}
	if ((id->database = copy_part(slash + 1, end)) == NULL)
		goto fail;
	return 0;
fail:
	pkg_free(id->scheme);
	pkg_free(id->username);
	pkg_free(id->password);
	pkg_free(id->host);
	memset(id, 0, sizeof(*id));
	return -1;
}

struct db_id *new_db_id(const str *url)
{
	struct db_id *id;

	if (url == NULL || url->s == NULL) {
		LM_ERR("new_db_id: no URL\n");
		return NULL;
	}
	id = pkg_malloc(sizeof(*id));
	if (id == NULL) {
		LM_ERR("no pkg memory for a database URL\n");
		return NULL;
	}
	memset(id, 0, sizeof(*id));
	if (parse_url(id, url) < 0) {
		LM_ERR("malformed database URL '%.*s' (scheme://[user[:password]@]host[:port]/database)\n",
				url->len, url->s);
		pkg_free(id);
		return NULL;
	}
	return id;
}

/* Equal strings, NULL only equal to NULL. */
static int same(const char *a, const char *b, int ignore_case)
{
	if (a == NULL || b == NULL)
		return a == b;
	return (ignore_case ? strcasecmp(a, b) : strcmp(a, b)) == 0;
}

unsigned char cmp_db_id(const struct db_id *id1, const struct db_id *id2)
{
	if (id1 == NULL || id2 == NULL)
		return 0;
	return id1->port == id2->port
			&& same(id1->scheme, id2->scheme, 0)
			&& same(id1->username, id2->username, 0)
			&& same(id1->password, id2->password, 0)
			&& same(id1->host, id2->host, 1)
			&& same(id1->database, id2->database, 0);
}

void free_db_id(struct db_id *id)
{
	if (id == NULL)
		return;
	pkg_free(id->scheme);
	pkg_free(id->username);
	pkg_free(id->password);
	pkg_free(id->host);
	pkg_free(id->database);
	pkg_free(id);
}
