/* config.c - the sources files: reading and validating (libinih) */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <ini.h>
#include <regex.h>

#include "buf.h"
#include "err.h"

/* The keys; from "items" on, those of kind = page and sitemap. */
static const char *const keys[] = {
	"company", "kind",    "url",	    "every",	  "tags",
	"enabled", "timeout", "max_size",   "user_agent", "items",
	"title",   "link",    "date",	    "summary",	  "next",
	"pages",   "follow",  "max_follow", "match",	  "delay",
};

/* More sources than this are refused (a sources file is not a database). */
#define CONFIG_MAX_SOURCES 10000

/* A larger sources file is refused (50 MB of comments are still read). */
#define CONFIG_MAX_BYTES ((size_t)256 << 20)

/* State shared by the line reader and the key handler of one file. The
 * file is read whole first: the child check_regex() forks must share no
 * open stream with us (see load_file). */
struct parse {
	struct config *c;
	const char *text; /* the whole file, len bytes */
	size_t len;
	size_t pos; /* where the next line starts */
	const char *file;
	int line;
	struct config_source *cur;
	unsigned seen; /* keys[] given in the current section, as bits */
	struct err *e;
	int failed;
};

static void source_release(struct config_source *s)
{
	free(s->name);
	free(s->company);
	free(s->kind);
	free(s->url);
	free(s->tags);
	free(s->user_agent);
	free(s->page.items);
	free(s->page.title);
	free(s->page.link);
	free(s->page.date);
	free(s->page.summary);
	free(s->page.next);
	free(s->page.match);
	free(s->file);
	memset(s, 0, sizeof(*s));
}

void config_release(struct config *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->n; i++)
		source_release(&c->v[i]);
	free(c->v);
	memset(c, 0, sizeof(*c));
}

const struct config_source *config_find(const struct config *c,
					const char *name)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (strcmp(c->v[i].name, name) == 0)
			return &c->v[i];
	return NULL;
}

int config_interval(const char *s, int *seconds)
{
	char *end;
	long v;
	int mult = 1;

	errno = 0;
	v = strtol(s, &end, 10);
	if (end == s || errno || v <= 0)
		return -1;
	while (*end == ' ')
		end++;
	switch (*end) {
	case '\0':
	case 's':
		break;
	case 'm':
		mult = 60;
		break;
	case 'h':
		mult = 3600;
		break;
	case 'd':
		mult = 86400;
		break;
	default:
		return -1;
	}
	if (*end && end[1])
		return -1;
	if (v > 365L * 86400 / mult)
		return -1;
	*seconds = (int)v * mult;
	return 0;
}

int config_size(const char *s, size_t *bytes)
{
	unsigned long long v, mult = 1;
	char *end;

	errno = 0;
	if (!isdigit((unsigned char)*s))
		return -1;
	v = strtoull(s, &end, 10);
	if (errno || v == 0)
		return -1;
	while (*end == ' ')
		end++;
	switch (toupper((unsigned char)*end)) {
	case '\0':
		break;
	case 'K':
		mult = 1024;
		break;
	case 'M':
		mult = 1024 * 1024;
		break;
	case 'G':
		mult = 1024 * 1024 * 1024;
		break;
	default:
		return -1;
	}
	if (*end && end[1] && !((end[1] == 'B' || end[1] == 'b') && !end[2]))
		return -1;
	if (v > (1ULL << 40) / mult)
		return -1;
	*bytes = (size_t)(v * mult);
	return 0;
}

static int parse_bool(const char *s, int *out)
{
	if (!strcasecmp(s, "yes") || !strcasecmp(s, "true") ||
	    !strcmp(s, "1") || !strcasecmp(s, "on"))
		*out = 1;
	else if (!strcasecmp(s, "no") || !strcasecmp(s, "false") ||
		 !strcmp(s, "0") || !strcasecmp(s, "off"))
		*out = 0;
	else
		return -1;
	return 0;
}

/* Levenshtein distance of two short strings, for "did you mean". */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, prev, tmp, row[32];

	if (la >= 32 || lb >= 32)
		return 99;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t best = prev + (a[i - 1] != b[j - 1]);

			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			tmp = row[j];
			row[j] = best;
			prev = tmp;
		}
	}
	return row[lb];
}

/* Record the first error of a file as "file:line: message"; returns 0,
 * which tells inih the line was bad. */
__attribute__((format(printf, 2, 3))) static int fail(struct parse *p,
						      const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	if (p->failed)
		return 0;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	err_set(p->e, "%s:%d: %s", p->file, p->line, msg);
	p->failed = 1;
	return 0;
}

static int valid_name(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("-_.", *s))
			return 0;
	return 1;
}

static int set_value(char **dst, const char *v)
{
	char *dup = strdup(v);

	if (!dup)
		return -1;
	free(*dst);
	*dst = dup;
	return 0;
}

static int page_key(struct parse *p, struct config_source *s, const char *name,
		    const char *value);

static int on_key(void *user, const char *section, const char *name,
		  const char *value)
{
	struct parse *p = user;
	struct config_source *s = p->cur;
	size_t i, best = 99;
	const char *guess = NULL;

	(void)section;
	if (p->failed)
		return 0;
	if (!s)
		return fail(p, "'%s' outside of a [source] section", name);
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (strcmp(name, keys[i]) != 0)
			continue;
		if (p->seen & (1u << i))
			return fail(p, "'%s' given twice in [%s]", name,
				    s->name);
		p->seen |= 1u << i;
	}
	if (!strcmp(name, "company")) {
		if (!*value)
			return fail(p, "empty %s", name);
		if (set_value(&s->company, value) < 0)
			return fail(p, "out of memory");
	} else if (!strcmp(name, "kind")) {
		if (strcmp(value, "feed") && strcmp(value, "page") &&
		    strcmp(value, "sitemap"))
			return fail(p, "kind '%s' is not feed, page or sitemap",
				    value);
		if (set_value(&s->kind, value) < 0)
			return fail(p, "out of memory");
	} else if (!strcmp(name, "url")) {
		if (strncmp(value, "http://", 7) &&
		    strncmp(value, "https://", 8))
			return fail(p, "url '%s' is not http or https", value);
		if (set_value(&s->url, value) < 0)
			return fail(p, "out of memory");
	} else if (!strcmp(name, "every")) {
		if (config_interval(value, &s->every) < 0)
			return fail(
				p,
				"every '%s' is not an interval such as 30m, 6h or 1d",
				value);
	} else if (!strcmp(name, "tags")) {
		if (set_value(&s->tags, value) < 0)
			return fail(p, "out of memory");
	} else if (!strcmp(name, "timeout")) {
		if (config_interval(value, &s->timeout) < 0 ||
		    s->timeout > 3600)
			return fail(
				p,
				"timeout '%s' is not a duration such as 30s or 2m (at most 1h)",
				value);
	} else if (!strcmp(name, "max_size")) {
		if (config_size(value, &s->max_size) < 0)
			return fail(
				p,
				"max_size '%s' is not a size such as 512K or 20M",
				value);
	} else if (!strcmp(name, "user_agent")) {
		if (!*value || strpbrk(value, "\r\n"))
			return fail(p, "user_agent must be one non-empty line");
		if (set_value(&s->user_agent, value) < 0)
			return fail(p, "out of memory");
	} else if (!strcmp(name, "enabled")) {
		if (parse_bool(value, &s->enabled) < 0)
			return fail(p, "enabled '%s' is not yes or no", value);
	} else if (page_key(p, s, name, value) >= 0) {
		return !p->failed;
	} else {
		for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
			size_t d = distance(name, keys[i]);

			if (d < best) {
				best = d;
				guess = keys[i];
			}
		}
		if (best <= 2)
			return fail(p, "unknown key '%s' (did you mean '%s'?)",
				    name, guess);
		return fail(p, "unknown key '%s'", name);
	}
	return 1;
}

/* Parse a delay such as "2s", "500ms", "1m" or "0" into milliseconds. */
static int parse_delay(const char *s, long *ms)
{
	char *end;
	long v;

	errno = 0;
	if (!isdigit((unsigned char)*s))
		return -1;
	v = strtol(s, &end, 10);
	if (errno || v > 600000)
		return -1;
	while (*end == ' ')
		end++;
	if (!strcmp(end, "ms"))
		;
	else if (!strcmp(end, "s") || !*end)
		v *= 1000;
	else if (!strcmp(end, "m"))
		v *= 60000;
	else
		return -1;
	if (v > 600000)
		return -1;
	*ms = v;
	return 0;
}

static int parse_count(const char *s, int lo, int hi, int *out)
{
	char *end;
	long v;

	errno = 0;
	if (!isdigit((unsigned char)*s))
		return -1;
	v = strtol(s, &end, 10);
	if (errno || *end || v < lo || v > hi)
		return -1;
	*out = (int)v;
	return 0;
}

/* The most atoms a match pattern may make glibc's regcomp() build: it
 * copies a part once per repetition ("x{1,255}" makes 255, "x+" two),
 * bounds on bounds multiply, and its work grows with the square of the
 * atoms ("((a?){1,100}){1,100}" takes 2 GB, 1,000 atoms some 30 MB). */
#define REGEX_MAX_COPIES 1000

/* Count the atoms regcomp() would build for pattern v (see above), or
 * return -1 for a repetition of a repetition ("a+?", "a{2}*": undefined
 * in POSIX, and glibc's work on them explodes); returns early once over
 * REGEX_MAX_COPIES. */
static double regex_copies(const char *v)
{
	double total[32] = {0}, last[32] = {0}, f;
	const char *q;
	char *e;
	long m, n;
	int d = 0, rep = 0, quant;

	for (q = v; *q; q++) {
		f = 1;
		quant = strchr("+*?", *q) ||
			(*q == '{' && isdigit((unsigned char)q[1]));
		if (quant && rep)
			return -1;
		rep = quant;
		if (*q == '+') {
			f = 2;
		} else if (*q == '{' && isdigit((unsigned char)q[1])) {
			m = n = strtol(q + 1, &e, 10);
			if (*e == ',' && isdigit((unsigned char)e[1]))
				n = strtol(e + 1, &e, 10);
			else if (*e == ',' && e++) /* "{m,}": m + 1 copies */
				n = m + 1;
			if (*e != '}')
				return REGEX_MAX_COPIES + 1; /* not a bound */
			f = n > m ? (double)n : (double)m;
			f = f < 1 ? 1 : f;
			q = e;
		} else if (*q == '*' || *q == '?') {
			f = 1;
		} else if (*q == '(' && d < 31) {
			d++;
			total[d] = last[d] = 0;
			continue;
		} else if (*q == ')' && d > 0) {
			f = total[d] + last[d];
			d--;
			total[d] += last[d];
			last[d] = f < 1 ? 1 : f; /* "()" is a node too */
			continue;
		} else if (*q == '|') {
			total[d] += last[d];
			last[d] = 0;
			continue;
		} else {
			/* an atom: a character, an escape, a bracket */
			if (*q == '\\' && q[1]) {
				q++;
			} else if (*q == '[') {
				q += q[1] == '^' ? 2 : 1;
				if (*q == ']')
					q++;
				while (*q && *q != ']')
					q++;
				if (!*q)
					break;
			}
			total[d] += last[d];
			last[d] = 1;
			continue;
		}
		last[d] *= f;
		if (last[d] > REGEX_MAX_COPIES)
			return last[d];
	}
	while (d > 0) {
		total[d - 1] += total[d] + last[d];
		d--;
	}
	return total[0] + last[0];
}

/* CPU seconds a match pattern may take to compile (see regex_in_time). */
#define REGEX_SECONDS 2

/*
 * Does v compile within REGEX_SECONDS of CPU? glibc's regcomp() takes
 * exponential time on some short patterns no simple rule foresees (48
 * times "(a?|b?)" then "*"), so a child process tries first, killed by
 * RLIMIT_CPU when too slow. Returns 1 if it compiled (or is invalid, which
 * the caller then says), 0 if it ran out of time.
 */
static int regex_in_time(const char *v)
{
	struct rlimit rl = {REGEX_SECONDS, REGEX_SECONDS + 1};
	regex_t re;
	pid_t pid;
	int status;

	pid = fork();
	if (pid < 0)
		return 1; /* cannot tell: the structural checks stand */
	if (pid == 0) {
		setrlimit(RLIMIT_CPU, &rl);
		_exit(regcomp(&re, v, REG_EXTENDED | REG_NOSUB) ? 1 : 0);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return 1;
	return !WIFSIGNALED(status);
}

/* A sitemap's URL pattern: POSIX extended, no backreferences (they make
 * matching exponential), bounded. */
static int check_regex(struct parse *p, const char *v)
{
	double copies;
	char msg[200];
	regex_t re;
	int rc;
	const char *q;

	if (!*v || strlen(v) > 512)
		return fail(p, "match must be a pattern of 1 to 512 bytes");
	for (q = v; *q; q++)
		if (*q == '\\' && q[1]) {
			if (isdigit((unsigned char)q[1]))
				return fail(
					p,
					"match '%s': backreferences are not allowed",
					v);
			q++;
		}
	copies = regex_copies(v);
	if (copies < 0)
		return fail(p, "match '%s': a repetition of a repetition", v);
	if (copies > REGEX_MAX_COPIES)
		return fail(p, "match '%s': too many repetitions", v);
	if (!regex_in_time(v))
		return fail(p, "match '%s': too complex to compile", v);
	rc = regcomp(&re, v, REG_EXTENDED | REG_NOSUB);
	if (rc) {
		regerror(rc, &re, msg, sizeof(msg));
		return fail(p, "match '%s' is not a regular expression: %s", v,
			    msg);
	}
	regfree(&re);
	return 1;
}

/* The keys of page and sitemap sources. Returns 1 (taken), 0 (taken but
 * failed, p->failed set), or -1 when name is not one of them. */
static int page_key(struct parse *p, struct config_source *s, const char *name,
		    const char *value)
{
	static const char *const sel[] = {"items", "title",   "link",
					  "date",  "summary", "next"};
	char **dst[] = {&s->page.items, &s->page.title,	  &s->page.link,
			&s->page.date,	&s->page.summary, &s->page.next};
	size_t i;

	for (i = 0; i < sizeof(sel) / sizeof(sel[0]); i++) {
		if (strcmp(name, sel[i]) != 0)
			continue;
		if (!*value || strlen(value) > 1024)
			return fail(
				p,
				"%s must be an XPath expression of 1 to 1024 bytes",
				name);
		if (set_value(dst[i], value) < 0)
			return fail(p, "out of memory");
		return 1;
	}
	if (!strcmp(name, "pages")) {
		if (parse_count(value, 1, PAGE_MAX_PAGES, &s->page.pages) < 0)
			return fail(p,
				    "pages '%s' is not a number from 1 to %d",
				    value, PAGE_MAX_PAGES);
	} else if (!strcmp(name, "follow")) {
		if (parse_bool(value, &s->page.follow) < 0)
			return fail(p, "follow '%s' is not yes or no", value);
	} else if (!strcmp(name, "max_follow")) {
		if (parse_count(value, 0, PAGE_MAX_FOLLOW_CAP,
				&s->page.max_follow) < 0)
			return fail(
				p,
				"max_follow '%s' is not a number from 0 to %d",
				value, PAGE_MAX_FOLLOW_CAP);
	} else if (!strcmp(name, "match")) {
		if (!check_regex(p, value))
			return 0;
		if (set_value(&s->page.match, value) < 0)
			return fail(p, "out of memory");
	} else if (!strcmp(name, "delay")) {
		if (parse_delay(value, &s->page.delay_ms) < 0)
			return fail(
				p,
				"delay '%s' is not a duration such as 2s or 500ms (at most 10m)",
				value);
	} else {
		return -1;
	}
	return 1;
}

static struct config_source *add_source(struct config *c)
{
	struct config_source *v;

	if (c->n == c->cap) {
		size_t ncap = c->cap ? c->cap * 2 : 16;

		v = realloc(c->v, ncap * sizeof(*v));
		if (!v)
			return NULL;
		c->v = v;
		c->cap = ncap;
	}
	v = &c->v[c->n++];
	memset(v, 0, sizeof(*v));
	v->every = 3600;
	v->enabled = 1;
	v->page.follow = -1;
	v->page.max_follow = -1;
	v->page.delay_ms = -1;
	return v;
}

/* A "[name]" line starts a source; inih reports no line numbers in this
 * build, so the reader keeps count and sees section headers itself. */
static void on_section(struct parse *p, const char *line)
{
	const struct config_source *dup;
	const char *end = strchr(line, ']');
	char name[256];
	size_t n;

	if (!end) {
		fail(p, "syntax error: no ']' after the source name");
		return;
	}
	n = (size_t)(end - line - 1);
	if (n >= sizeof(name)) {
		fail(p, "source name too long");
		return;
	}
	line++;
	while (n && isspace((unsigned char)*line)) {
		line++;
		n--;
	}
	memcpy(name, line, n);
	name[n] = '\0';
	while (n && isspace((unsigned char)name[n - 1]))
		name[--n] = '\0';
	if (!valid_name(name)) {
		fail(p, "bad source name '%s' (letters, digits, '-', '_', '.')",
		     name);
		return;
	}
	/* the duplicate check below is linear: keep the whole quadratic */
	if (p->c->n >= CONFIG_MAX_SOURCES) {
		fail(p, "too many sources (at most %d)", CONFIG_MAX_SOURCES);
		return;
	}
	dup = config_find(p->c, name);
	if (dup) {
		char where[300];

		snprintf(where, sizeof(where), "%s:%d", dup->file, dup->line);
		fail(p, "source '%s' is already defined at %s", name, where);
		return;
	}
	p->cur = add_source(p->c);
	if (!p->cur || !(p->cur->name = strdup(name)) ||
	    !(p->cur->file = strdup(p->file))) {
		fail(p, "out of memory");
		return;
	}
	p->cur->line = p->line;
	p->seen = 0;
}

/* inih's reader: fgets() over p->text. */
static char *read_line(char *str, int num, void *stream)
{
	struct parse *p = stream;
	const char *s, *start = p->text + p->pos, *nl;
	size_t n = p->len - p->pos;

	if (!n || num < 2)
		return NULL;
	if (n > (size_t)num - 1)
		n = (size_t)num - 1;
	nl = memchr(start, '\n', n);
	if (nl)
		n = (size_t)(nl - start) + 1;
	memcpy(str, start, n);
	str[n] = '\0';
	p->pos += n;
	p->line++;
	if (!strchr(str, '\n') && p->pos < p->len) {
		/* libinih (as packaged) reads lines into a fixed buffer: the
		 * rest must not pass for a line of its own */
		nl = memchr(p->text + p->pos, '\n', p->len - p->pos);
		p->pos = nl ? (size_t)(nl - p->text) + 1 : p->len;
		for (s = str; isspace((unsigned char)*s); s++)
			;
		if (*s != '#' && *s != ';')
			fail(p, "line too long (at most %d bytes)", num - 2);
		str[0] = '\0';
		return str;
	}
	for (s = str; isspace((unsigned char)*s); s++)
		;
	if (*s == '[' && !p->failed)
		on_section(p, s);
	return str;
}

/* Selectors mean nothing to a feed, a URL pattern only to a sitemap. */
static void check_page_keys(struct parse *p, const struct config_source *s)
{
	const struct page_conf *c = &s->page;
	const char *bad = NULL;

	if (!strcmp(s->kind, "feed")) {
		if (c->items || c->title || c->link || c->date || c->summary ||
		    c->next || c->pages || c->follow >= 0 ||
		    c->max_follow >= 0 || c->delay_ms >= 0 || c->match)
			bad = "feed";
	} else if (!strcmp(s->kind, "sitemap")) {
		if (c->items || c->title || c->link || c->date || c->summary ||
		    c->next || c->pages)
			bad = "sitemap";
	} else if (c->match) {
		bad = "page";
	}
	if (bad)
		fail(p,
		     "source '%s' (kind = %s) has keys of another kind (see annals-sources(5))",
		     s->name, bad);
}

static int check_sources(struct parse *p, size_t first)
{
	size_t i;

	for (i = first; i < p->c->n && !p->failed; i++) {
		struct config_source *s = &p->c->v[i];

		p->line = s->line;
		if (!s->company)
			fail(p, "source '%s' has no company", s->name);
		else if (!s->url)
			fail(p, "source '%s' has no url", s->name);
		else if (!s->kind && set_value(&s->kind, "feed") < 0)
			fail(p, "out of memory");
		else
			check_page_keys(p, s);
	}
	return p->failed ? -1 : 0;
}

/*
 * The file is read into memory and closed before parsing: check_regex()
 * forks, and a child that runs libc's exit cleanup (valgrind runs it even
 * after _exit) moves the offset of every stdio input stream it shares
 * with us back to that stream's position, so a parent still reading
 * through stdio would read the rest of the file again.
 */
static int load_file(struct config *c, const char *path, struct err *e)
{
	struct parse p = {0};
	struct buf text;
	size_t first = c->n;
	int line;

	buf_init(&text, CONFIG_MAX_BYTES);
	/* buf_read_file() reads "-" as standard input */
	if (buf_read_file(&text, strcmp(path, "-") ? path : "./-", e) < 0) {
		buf_release(&text);
		return -1;
	}
	p.c = c;
	p.text = text.data;
	p.len = text.len;
	p.file = path;
	p.e = e;
	line = ini_parse_stream(read_line, &p, on_key, &p);
	buf_release(&text);
	if (p.failed)
		return -1;
	if (line > 0)
		return err_set(
			e,
			"%s:%d: syntax error (expected [name] or key = value)",
			path, line);
	if (line < 0)
		return err_set(e, "'%s': cannot read", path);
	return check_sources(&p, first);
}

static int conf_filter(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	/* rules.conf lives beside the sources but is not one */
	return d->d_name[0] != '.' && n > 5 &&
	       strcmp(d->d_name + n - 5, ".conf") == 0 &&
	       strcmp(d->d_name, "rules.conf") != 0;
}

int config_load(const char *path, struct config *c, struct err *e)
{
	struct dirent **list = NULL;
	struct stat st;
	int n, i, rc = 0;

	memset(c, 0, sizeof(*c));
	if (stat(path, &st) < 0)
		return err_set(e, "'%s': %s", path, strerror(errno));
	if (!S_ISDIR(st.st_mode)) {
		rc = load_file(c, path, e);
		goto out;
	}
	n = scandir(path, &list, conf_filter, alphasort);
	if (n < 0)
		return err_set(e, "'%s': %s", path, strerror(errno));
	for (i = 0; i < n; i++) {
		char file[4096];

		if (rc == 0) {
			snprintf(file, sizeof(file), "%s/%s", path,
				 list[i]->d_name);
			rc = load_file(c, file, e);
		}
		free(list[i]);
	}
	free(list);
out:
	if (rc < 0)
		config_release(c);
	return rc;
}
