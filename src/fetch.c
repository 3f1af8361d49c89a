/* fetch.c - HTTP: concurrency, politeness, conditional GET, limits */
#include "fetch.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>

#include "err.h"

#ifndef ANNALS_VERSION
#define ANNALS_VERSION "0"
#endif
#define FETCH_USER_AGENT "annals/" ANNALS_VERSION

#define MAX_HOPS 8

/* One transfer in flight. */
struct transfer {
	enum { T_WAITING, T_ACTIVE, T_DONE } state;
	CURL *easy;
	const struct fetch_request *req;
	struct fetch_result res;
	struct curl_slist *headers;
	int host; /* index into the host table */
	int hops; /* responses seen (redirects + 1) */
	long hop_status[MAX_HOPS];
	char *hop_location[MAX_HOPS];
	int capped; /* the body cap was hit */
	char errbuf[CURL_ERROR_SIZE];
};

/* Politeness bookkeeping per host. */
struct host {
	char name[256];
	int active;
	long long next_ms; /* no new request before this */
};

struct run {
	const struct fetch_opts *o;
	CURLM *multi;
	struct host *hosts;
	size_t nhosts;
	int active;
};

void fetch_opts_default(struct fetch_opts *o)
{
	o->jobs = 8;
	o->per_host = 2;
	o->spacing_ms = 250;
	o->connect_timeout = 10;
	o->low_speed_limit = 1024;
	o->low_speed_time = 20;
	o->max_redirs = 5;
}

void fetch_result_release(struct fetch_result *r)
{
	if (!r)
		return;
	buf_release(&r->body);
	free(r->charset);
	free(r->etag);
	free(r->last_modified);
	free(r->effective_url);
	free(r->moved_to);
	memset(r, 0, sizeof(*r));
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static size_t on_body(char *p, size_t size, size_t n, void *arg)
{
	struct transfer *t = arg;

	/* the cap counts decoded bytes: a gzip bomb stops here */
	if (buf_add(&t->res.body, p, size * n) < 0) {
		t->capped = 1;
		return 0;
	}
	return size * n;
}

static char *trimmed_dup(const char *s, size_t n)
{
	char *out;

	while (n && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	out = malloc(n + 1);
	if (out) {
		memcpy(out, s, n);
		out[n] = '\0';
	}
	return out;
}

/* Every response's header lines, redirects included: note each hop's
 * status and Location, to tell permanent redirects from the others. */
static size_t on_header(char *p, size_t size, size_t n, void *arg)
{
	struct transfer *t = arg;
	size_t len = size * n;

	if (len > 5 && memcmp(p, "HTTP/", 5) == 0) {
		const char *sp = memchr(p, ' ', len);

		if (t->hops < MAX_HOPS)
			t->hop_status[t->hops] =
				sp ? strtol(sp + 1, NULL, 10) : 0;
		t->hops++;
	} else if (len > 9 && strncasecmp(p, "location:", 9) == 0 &&
		   t->hops > 0 && t->hops <= MAX_HOPS &&
		   !t->hop_location[t->hops - 1]) {
		t->hop_location[t->hops - 1] = trimmed_dup(p + 9, len - 9);
	}
	return len;
}

static int host_index(struct run *r, const char *url)
{
	CURLU *u = curl_url();
	char *host = NULL;
	struct host *v;
	size_t i;
	int idx = -1;

	if (u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK)
		curl_url_get(u, CURLUPART_HOST, &host, 0);
	for (i = 0; i < r->nhosts; i++)
		if (strcmp(r->hosts[i].name, host ? host : "") == 0) {
			idx = (int)i;
			goto out;
		}
	v = realloc(r->hosts, (r->nhosts + 1) * sizeof(*v));
	if (!v)
		goto out;
	r->hosts = v;
	memset(&v[r->nhosts], 0, sizeof(v[0]));
	snprintf(v[r->nhosts].name, sizeof(v[0].name), "%s", host ? host : "");
	idx = (int)r->nhosts++;
out:
	curl_free(host);
	curl_url_cleanup(u);
	return idx;
}

static int add_header(struct transfer *t, const char *name, const char *val)
{
	struct curl_slist *l;
	char line[1024];

	/* validators go back verbatim, but never a header injection */
	if (strpbrk(val, "\r\n"))
		return 0;
	snprintf(line, sizeof(line), "%s: %s", name, val);
	l = curl_slist_append(t->headers, line);
	if (!l)
		return -1;
	t->headers = l;
	return 0;
}

static int start(struct run *r, struct transfer *t, struct err *e)
{
	const struct fetch_request *q = t->req;
	const struct fetch_opts *o = r->o;
	CURL *c = curl_easy_init();

	if (!c)
		return err_set(e, "cannot start a transfer");
	t->easy = c;
	buf_init(&t->res.body, q->max_size ? q->max_size : FETCH_MAX_SIZE);
	if ((q->etag && add_header(t, "If-None-Match", q->etag) < 0) ||
	    (q->last_modified &&
	     add_header(t, "If-Modified-Since", q->last_modified) < 0))
		return err_set(e, "out of memory");
	curl_easy_setopt(c, CURLOPT_URL, q->url);
	curl_easy_setopt(c, CURLOPT_PRIVATE, t);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, t->headers);
	curl_easy_setopt(c, CURLOPT_USERAGENT,
			 q->user_agent ? q->user_agent : FETCH_USER_AGENT);
	curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_MAXREDIRS, o->max_redirs);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, o->connect_timeout);
	curl_easy_setopt(c, CURLOPT_TIMEOUT,
			 q->timeout > 0 ? q->timeout : (long)FETCH_TIMEOUT);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, o->low_speed_limit);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, o->low_speed_time);
	curl_easy_setopt(
		c, CURLOPT_MAXFILESIZE_LARGE,
		(curl_off_t)(q->max_size ? q->max_size : FETCH_MAX_SIZE));
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, t);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, t);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, t->errbuf);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS);
	if (curl_multi_add_handle(r->multi, c) != CURLM_OK)
		return err_set(e, "cannot start a transfer");
	r->active++;
	r->hosts[t->host].active++;
	r->hosts[t->host].next_ms = now_ms() + o->spacing_ms;
	return 0;
}

static char *header_value(CURL *c, const char *name)
{
	struct curl_header *h;

	if (curl_easy_header(c, name, 0, CURLH_HEADER, -1, &h) != CURLHE_OK)
		return NULL;
	return trimmed_dup(h->value, strlen(h->value));
}

static char *charset_of(const char *type)
{
	const char *p;
	size_t n;

	if (!type)
		return NULL;
	for (p = type; *p && strncasecmp(p, "charset=", 8) != 0; p++)
		;
	if (!*p)
		return NULL;
	p += 8;
	if (*p == '"' || *p == '\'')
		p++;
	n = strcspn(p, "\"'; \t");
	return n ? trimmed_dup(p, n) : NULL;
}

/* Retry-After: seconds or an HTTP date. */
static long retry_after(CURL *c)
{
	char *v = header_value(c, "Retry-After");
	long s = -1;
	char *end;
	time_t t;

	if (!v)
		return -1;
	s = strtol(v, &end, 10);
	if (end == v || *end) {
		t = curl_getdate(v, NULL);
		s = t == -1 ? -1 : (long)(t - time(NULL));
	}
	free(v);
	return s < 0 ? (s == -1 ? -1 : 0) : s;
}

/* Where the leading permanent redirects lead, if anywhere. */
static char *moved_to(struct transfer *t)
{
	CURLU *u = curl_url();
	char *url = NULL;
	int i, moved = 0;

	if (!u || curl_url_set(u, CURLUPART_URL, t->req->url, 0) != CURLUE_OK)
		goto out;
	for (i = 0; i < t->hops && i < MAX_HOPS; i++) {
		if ((t->hop_status[i] != 301 && t->hop_status[i] != 308) ||
		    !t->hop_location[i])
			break;
		if (curl_url_set(u, CURLUPART_URL, t->hop_location[i], 0) !=
		    CURLUE_OK)
			break;
		moved = 1;
	}
	if (moved)
		curl_url_get(u, CURLUPART_URL, &url, 0);
out:
	curl_url_cleanup(u);
	if (url) {
		char *dup = strdup(url);

		curl_free(url);
		return dup;
	}
	return NULL;
}

static void describe_failure(struct transfer *t, CURLcode cc)
{
	struct fetch_result *res = &t->res;
	const struct fetch_request *q = t->req;
	const char *detail = t->errbuf[0] ? t->errbuf : curl_easy_strerror(cc);

	res->status = FETCH_FAILED;
	if (t->capped || cc == CURLE_FILESIZE_EXCEEDED)
		snprintf(res->error, sizeof(res->error),
			 "larger than %zu bytes",
			 q->max_size ? q->max_size : FETCH_MAX_SIZE);
	else if (cc == CURLE_OPERATION_TIMEDOUT && strstr(detail, "too slow"))
		snprintf(res->error, sizeof(res->error),
			 "too slow: under %ld bytes/s for %ld s", 1024L, 20L);
	else if (cc == CURLE_OPERATION_TIMEDOUT)
		snprintf(res->error, sizeof(res->error), "timeout after %lds",
			 q->timeout > 0 ? q->timeout : (long)FETCH_TIMEOUT);
	else if (cc == CURLE_TOO_MANY_REDIRECTS)
		snprintf(res->error, sizeof(res->error),
			 "too many redirects (a loop?)");
	else if (cc == CURLE_UNSUPPORTED_PROTOCOL && t->hops > 0)
		snprintf(res->error, sizeof(res->error),
			 "redirect to a non-HTTP URL refused");
	else
		snprintf(res->error, sizeof(res->error), "%s", detail);
	/* a partial body is no body */
	buf_release(&res->body);
}

static void finish(struct transfer *t, CURLcode cc)
{
	struct fetch_result *res = &t->res;
	char *eff = NULL, *type = NULL;
	long code = 0;

	curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &code);
	curl_easy_getinfo(t->easy, CURLINFO_EFFECTIVE_URL, &eff);
	curl_easy_getinfo(t->easy, CURLINFO_CONTENT_TYPE, &type);
	curl_easy_getinfo(t->easy, CURLINFO_TOTAL_TIME, &res->seconds);
	res->http = code;
	res->effective_url = eff ? strdup(eff) : NULL;
	res->charset = charset_of(type);
	res->etag = header_value(t->easy, "ETag");
	res->last_modified = header_value(t->easy, "Last-Modified");
	res->retry_after = retry_after(t->easy);
	if (cc != CURLE_OK) {
		describe_failure(t, cc);
		return;
	}
	if (code == 304) {
		res->status = FETCH_NOT_MODIFIED;
	} else if (code >= 200 && code < 300) {
		res->status = FETCH_OK;
	} else {
		res->status = FETCH_HTTP_ERROR;
		snprintf(res->error, sizeof(res->error), "HTTP %ld", code);
		buf_release(&res->body);
	}
	if (res->status != FETCH_HTTP_ERROR)
		res->moved_to = moved_to(t);
}

/* Give back a finished transfer's connection slot (its result stays). */
static void transfer_detach(struct run *r, struct transfer *t)
{
	if (t->easy) {
		curl_multi_remove_handle(r->multi, t->easy);
		curl_easy_cleanup(t->easy);
		t->easy = NULL;
		r->active--;
		r->hosts[t->host].active--;
	}
}

/* End a transfer: it is done, whatever happened. */
static void transfer_release(struct run *r, struct transfer *t)
{
	int i;

	transfer_detach(r, t);
	curl_slist_free_all(t->headers);
	t->headers = NULL;
	for (i = 0; i < MAX_HOPS; i++) {
		free(t->hop_location[i]);
		t->hop_location[i] = NULL;
	}
	fetch_result_release(&t->res);
	t->state = T_DONE;
}

/* Start what politeness allows; returns ms until more may start. */
static long start_ready(struct run *r, struct transfer *ts, size_t n,
			size_t *next, int *failed, struct err *e)
{
	long long now = now_ms(), wait = 1000;
	size_t i;

	for (i = *next; i < n && r->active < r->o->jobs; i++) {
		struct transfer *t = &ts[i];
		struct host *h;

		if (t->state != T_WAITING)
			continue;
		h = &r->hosts[t->host];
		if (h->active >= r->o->per_host || h->next_ms > now) {
			if (h->next_ms > now && h->next_ms - now < wait)
				wait = h->next_ms - now;
			continue;
		}
		t->state = T_ACTIVE;
		if (start(r, t, e) < 0) {
			*failed = 1;
			return 0;
		}
	}
	/* skip past the prefix that has all started */
	while (*next < n && ts[*next].state != T_WAITING)
		(*next)++;
	return (long)wait;
}

int fetch_run(const struct fetch_opts *o, const struct fetch_request *reqs,
	      size_t n, fetch_done_fn done, void *ctx,
	      volatile sig_atomic_t *stop, struct err *e)
{
	struct run r = {o, NULL, NULL, 0, 0};
	struct transfer *ts = calloc(n ? n : 1, sizeof(*ts));
	size_t i, next = 0, finished = 0;
	int failed = 0, rc = -1, running;

	if (!ts)
		return err_set(e, "out of memory");
	r.multi = curl_multi_init();
	if (!r.multi) {
		err_set(e, "cannot start libcurl");
		goto out;
	}
	curl_multi_setopt(r.multi, CURLMOPT_MAX_HOST_CONNECTIONS,
			  (long)o->per_host);
	curl_multi_setopt(r.multi, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
	for (i = 0; i < n; i++) {
		ts[i].req = &reqs[i];
		ts[i].host = host_index(&r, reqs[i].url);
		if (ts[i].host < 0) {
			err_set(e, "out of memory");
			goto out;
		}
	}
	while (finished < n) {
		CURLMsg *msg;
		int left;
		long wait;

		if (stop && *stop) {
			err_set(e, "interrupted");
			goto out;
		}
		wait = start_ready(&r, ts, n, &next, &failed, e);
		if (failed)
			goto out;
		curl_multi_perform(r.multi, &running);
		while ((msg = curl_multi_info_read(r.multi, &left))) {
			struct transfer *t = NULL;

			if (msg->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE,
					  (char **)&t);
			finish(t, msg->data.result);
			/* start the next transfers before the caller parses
			 * and stores this one, so that they overlap */
			transfer_detach(&r, t);
			start_ready(&r, ts, n, &next, &failed, e);
			if (failed)
				goto out;
			curl_multi_perform(r.multi, &running);
			if (done(t->req, &t->res, ctx) != 0) {
				err_set(e, "stopped");
				transfer_release(&r, t);
				goto out;
			}
			transfer_release(&r, t);
			finished++;
		}
		if (finished < n)
			curl_multi_poll(
				r.multi, NULL, 0,
				r.active ? (int)(wait < 1000 ? wait : 1000)
					 : (int)wait,
				NULL);
	}
	rc = 0;
out:
	for (i = 0; i < n; i++)
		if (ts[i].state == T_ACTIVE)
			transfer_release(&r, &ts[i]);
	curl_multi_cleanup(r.multi);
	free(r.hosts);
	free(ts);
	return rc;
}
