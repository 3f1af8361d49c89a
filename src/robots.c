/* robots.c - robots.txt: which paths a crawler may fetch (RFC 9309) */
#include "robots.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define ROBOTS_MAX_RULES 2000
#define ROBOTS_MAX_LINE 2048

struct rule {
	char *pattern;
	size_t len;
	int allow;
};

struct robots {
	struct rule *v;
	size_t n;
	size_t cap;
	int deny_all;
};

void robots_free(struct robots *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->n; i++)
		free(r->v[i].pattern);
	free(r->v);
	free(r);
}

struct robots *robots_deny_all(void)
{
	struct robots *r = calloc(1, sizeof(*r));

	if (r)
		r->deny_all = 1;
	return r;
}

static int add_rule(struct robots *r, const char *p, size_t n, int allow)
{
	struct rule *v;

	if (r->n == ROBOTS_MAX_RULES)
		return 0; /* a sane file is far smaller; ignore the rest */
	if (r->n == r->cap) {
		size_t ncap = r->cap ? r->cap * 2 : 16;

		v = realloc(r->v, ncap * sizeof(*v));
		if (!v)
			return -1;
		r->v = v;
		r->cap = ncap;
	}
	v = &r->v[r->n];
	v->pattern = malloc(n + 1);
	if (!v->pattern)
		return -1;
	memcpy(v->pattern, p, n);
	v->pattern[n] = '\0';
	v->len = n;
	v->allow = allow;
	r->n++;
	return 0;
}

/* Does the User-agent value name annals? Product tokens compare without
 * case and without a version ("annals/0.1"). */
static int names_us(const char *v, size_t n)
{
	size_t k = strlen(ROBOTS_AGENT);

	return n >= k && strncasecmp(v, ROBOTS_AGENT, k) == 0 &&
	       (n == k || v[k] == '/' || v[k] == ' ');
}

/*
 * Two passes over the groups: first, does any group name annals? Then
 * collect the rules of the groups that apply (annals' own, else "*").
 */
static int parse_pass(struct robots *r, const char *txt, size_t len,
		      int collect, int want_own, int *have_own)
{
	const char *p = txt, *end = txt + len;
	int in_agents = 0, applies = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end, *k, *ke, *v, *ve, *hash;
		size_t kn;

		if (le - p > ROBOTS_MAX_LINE)
			goto next;
		hash = memchr(p, '#', (size_t)(le - p));
		if (hash)
			le = hash;
		for (k = p; k < le && isspace((unsigned char)*k); k++)
			;
		ke = memchr(k, ':', (size_t)(le - k));
		if (!ke)
			goto next;
		v = ke + 1;
		while (ke > k && isspace((unsigned char)ke[-1]))
			ke--;
		kn = (size_t)(ke - k);
		while (v < le && isspace((unsigned char)*v))
			v++;
		ve = le;
		while (ve > v && isspace((unsigned char)ve[-1]))
			ve--;
		if (kn == 10 && strncasecmp(k, "user-agent", 10) == 0) {
			int ours = names_us(v, (size_t)(ve - v));
			int star = ve - v == 1 && *v == '*';

			if (!in_agents)
				applies = 0;
			in_agents = 1;
			if (ours)
				*have_own = 1;
			if (want_own ? ours : star)
				applies = 1;
			goto next;
		}
		if ((kn == 5 && strncasecmp(k, "allow", 5) == 0) ||
		    (kn == 8 && strncasecmp(k, "disallow", 8) == 0)) {
			in_agents = 0;
			/* an empty Disallow allows everything: no rule */
			if (collect && applies && ve > v &&
			    add_rule(r, v, (size_t)(ve - v), kn == 5) < 0)
				return -1;
			goto next;
		}
		/* Sitemap:, Crawl-delay: ... end a run of User-agent lines
		 * but not the group */
		in_agents = 0;
	next:
		p = nl ? nl + 1 : end;
	}
	return 0;
}

struct robots *robots_parse(const char *txt, size_t len)
{
	struct robots *r = calloc(1, sizeof(*r));
	int own = 0, dummy = 0;

	if (!r || !txt || !len)
		return r;
	if (parse_pass(r, txt, len, 0, 1, &own) < 0 ||
	    parse_pass(r, txt, len, 1, own, &dummy) < 0) {
		robots_free(r);
		return NULL;
	}
	return r;
}

/* Does pattern p (with '*' and a final '$') match a prefix of s (or all
 * of it, with '$')? Iterative: the last '*' is the only backtrack point. */
static int match(const char *p, size_t pn, const char *s)
{
	const char *star = NULL, *ss = NULL, *pe = p + pn;
	int anchored = pn && p[pn - 1] == '$';

	if (anchored)
		pe--;
	for (;;) {
		if (p == pe) {
			if (!anchored || !*s)
				return 1;
		} else if (*p == '*') {
			star = ++p;
			ss = s;
			continue;
		} else if (*s && *p == *s) {
			p++;
			s++;
			continue;
		}
		if (!star || !*ss)
			return 0;
		p = star;
		s = ++ss;
	}
}

int robots_allowed(const struct robots *r, const char *path)
{
	size_t i, best = 0;
	int verdict = 1, found = 0;

	if (!r)
		return 1;
	if (!strcmp(path, "/robots.txt"))
		return 1;
	if (r->deny_all)
		return 0;
	for (i = 0; i < r->n; i++) {
		const struct rule *u = &r->v[i];

		if (!match(u->pattern, u->len, path))
			continue;
		if (!found || u->len > best || (u->len == best && u->allow)) {
			best = u->len;
			verdict = u->allow;
			found = 1;
		}
	}
	return verdict;
}

int robots_split(const char *url, char *origin, size_t on, char *path,
		 size_t pn)
{
	const char *p, *auth, *slash;
	size_t sn, an, len;
	int n;

	if (!strncasecmp(url, "http://", 7))
		sn = 4;
	else if (!strncasecmp(url, "https://", 8))
		sn = 5;
	else
		return -1;
	auth = url + sn + 3;
	an = strcspn(auth, "/?#");
	if (!an || memchr(auth, '@', an))
		return -1;
	n = snprintf(origin, on, "%.*s://%.*s", (int)sn, url, (int)an, auth);
	if (n < 0 || (size_t)n >= on)
		return -1;
	for (p = origin; *p; p++)
		origin[p - origin] = (char)tolower((unsigned char)*p);
	slash = auth + an;
	len = strcspn(slash, "#");
	if (len + 2 > pn)
		return -1;
	n = 0;
	if (*slash != '/')
		path[n++] = '/'; /* "http://host?q" asks for "/?q" */
	memcpy(path + n, slash, len);
	path[(size_t)n + len] = '\0';
	return 0;
}
